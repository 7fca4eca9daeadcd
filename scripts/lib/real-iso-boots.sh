#!/usr/bin/env bash
# The real-image boots of scripts/test, run beside the rest of the suite: builds the real live ISOs (or takes them
# from their cache), then runs the tests tagged real-iso in COPY, a copy of the tree (two Maven builds cannot share
# one tree's target directories).
#   scripts/lib/real-iso-boots.sh COPY START   # START: scripts/test's start time (seconds since the epoch)
set -euo pipefail
copy=$1
start=$2
cd "$(dirname "$0")/../.."
scripts/build-real-iso debian-live dracut-classic dracut-ndpmem > target/build-real-iso.log 2>&1 \
  || { tail -30 target/build-real-iso.log; echo "scripts/test: build-real-iso failed" >&2; exit 1; }
echo "scripts/test: real ISOs ready after $(( $(date +%s) - start )) s"
cd "$copy"
exec mvn -B -ntp verify -pl webboot-cli -am -Dgroups=real-iso -Dsurefire.failIfNoSpecifiedTests=false
