#!/bin/sh
# webboot: this file is this shell stub followed by the webboot jar (java -jar finds a jar's directory at its end, so
# the bytes in front of it do not matter). One file: copied anywhere, it still finds its jar, because it is its jar.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
# shellcheck disable=SC2086 # JAVA_OPTS holds several options on purpose
exec "$java" ${JAVA_OPTS:-} -jar "$0" "$@"
