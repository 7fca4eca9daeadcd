#!/usr/bin/env bash
# Staging throughput: `webboot pmem stage` against GNU dd writing the same image into the same block device
# (a loop device over a file in /dev/shm, i.e. RAM, like /dev/pmem0), each ending with an fsync.
# Prints the median of ROUNDS runs of each and the ratio. Needs root (losetup).
#   scripts/bench/stage.sh            # 1024 MiB, 3 rounds
#   SIZE_MB=256 ROUNDS=5 scripts/bench/stage.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${SIZE_MB:-1024}
ROUNDS=${ROUNDS:-3}
JAR=webboot-cli/target/webboot.jar
mvn -B -q -DskipTests package -pl webboot-cli -am
W=$(mktemp -d /dev/shm/webboot-bench.XXXXXX)
LOOP=
cleanup() { [ -n "$LOOP" ] && losetup -d "$LOOP"; rm -rf "$W"; }
trap cleanup EXIT
head -c "${SIZE_MB}M" /dev/urandom > "$W/image"
truncate -s "$((SIZE_MB + 64))M" "$W/backing"
LOOP=$(losetup -f --show "$W/backing")

# Appends the wall-clock seconds of a command to the file $1; a failing command stops the benchmark.
timed() {
  local out=$1 s e; shift
  s=$(date +%s.%N)
  "$@" > /dev/null || { echo "bench: failed: $*" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for _ in $(seq "$ROUNDS"); do
  timed "$W/dd" dd if="$W/image" of="$LOOP" bs=1M conv=fsync,notrunc status=none
  timed "$W/ddsha" bash -c "tee < '$W/image' >(sha256sum > /dev/null) | dd of='$LOOP' bs=1M iflag=fullblock conv=fsync,notrunc status=none"
  timed "$W/wb" java -jar "$JAR" pmem stage "$W/image" --device "$LOOP"
  timed "$W/wbv" java -jar "$JAR" pmem stage "$W/image" --device "$LOOP" --verify
done
dd_m=$(median < "$W/dd")
ddsha_m=$(median < "$W/ddsha")
wb_m=$(median < "$W/wb")
wbv_m=$(median < "$W/wbv")
echo "image ${SIZE_MB} MiB into $LOOP (RAM-backed loop device), median of $ROUNDS runs, $(nproc) cores:"
printf '  dd bs=1M conv=fsync             %6.2f s  %7.0f MiB/s\n' "$dd_m" "$(echo "$SIZE_MB / $dd_m" | bc -l)"
printf '  tee | sha256sum, dd (hashing)   %6.2f s  %7.0f MiB/s\n' "$ddsha_m" "$(echo "$SIZE_MB / $ddsha_m" | bc -l)"
printf '  webboot pmem stage (sha256)     %6.2f s  %7.0f MiB/s  ratio to dd %.2f, to dd+sha256sum %.2f\n' "$wb_m" \
  "$(echo "$SIZE_MB / $wb_m" | bc -l)" "$(echo "$wb_m / $dd_m" | bc -l)" "$(echo "$wb_m / $ddsha_m" | bc -l)"
printf '  webboot pmem stage --verify     %6.2f s  %7.0f MiB/s  ratio to dd %.2f\n' "$wbv_m" \
  "$(echo "$SIZE_MB / $wbv_m" | bc -l)" "$(echo "$wbv_m / $dd_m" | bc -l)"
