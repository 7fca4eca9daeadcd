#!/bin/sh
# webboot in its initramfs: the jlinked runtime, the class-data-sharing archive made when the initramfs was built,
# JNA's native library where it was unpacked at build time (nothing is written to a temporary folder at start).
W=/usr/lib/webboot
# The heap cap, in MiB, for the machine a meminfo file describes: an eighth of MemTotal, at least 96 and at most
# 512. Without a cap the JVM takes a quarter of RAM, and the ISO is staged into the same RAM; an eighth leaves the
# rest to the image, the floor is what a boot needs (a plan, a download, a listing of a large directory), the
# ceiling what no webboot command needs more of. WEBBOOT_HEAP (a -Xmx value such as 1g) overrides it.
heap_mb() {
  awk '/^MemTotal:/ { kb = $2 }
       END { mb = int(kb / 8192); if (mb < 96) mb = 96; if (mb > 512) mb = 512; print mb }' "$1" 2>/dev/null \
    || echo 96
}
heap="${WEBBOOT_HEAP:-$(heap_mb /proc/meminfo)m}"
exec $W/jre/bin/java -Xmx"$heap" @JAVA_OPTIONS@ -cp @CLASS_PATH@ dev.webboot.cli.Main "$@"
