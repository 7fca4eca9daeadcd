#!/bin/sh
# webboot in its initramfs: the jlinked runtime, the class-data-sharing archive made when the initramfs was built,
# JNA's native library where it was unpacked at build time (nothing is written to a temporary folder at start).
W=/usr/lib/webboot
exec $W/jre/bin/java @JAVA_OPTIONS@ -cp @CLASS_PATH@ dev.webboot.cli.Main "$@"
