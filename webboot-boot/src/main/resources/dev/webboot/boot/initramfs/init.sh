#!/bin/sh
# /init of the webboot initramfs (written by `webboot initramfs build`; the contract is docs/initramfs.md).
# Kernel command line parameters (values are one word: write a space as + or %20, any byte as %XX):
#   webboot.boot=X       run `webboot boot X` (X: a catalog id, a URL or a file)
#   webboot.args=A       extra arguments for `webboot boot`, e.g. webboot.args=--entry+1+--insecure
#   webboot.cmd=A        run `webboot A` first (e.g. webboot.cmd=--version), report its exit status and time;
#                        given more than once, the commands run in order; without webboot.boot, no menu follows
#   webboot.modules=a,b  load these kernel modules too
#   webboot.then=W       what follows a finished or failed command: shell (default), poweroff or reboot
#   webboot.debug        print each line of this script as it runs
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
export HOME=/root TERM="${TERM:-linux}"
umask 022
mkdir -p /proc /sys /dev /run /tmp /root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
ln -sf /proc/self/fd /dev/fd 2>/dev/null

say() { echo "webboot-init: $*"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }
# URL decoding: + is a space, %XX is the byte XX.
urldecode() { printf '%b' "$(echo "$1" | sed -e 's/+/ /g' -e 's/%\([0-9A-Fa-f][0-9A-Fa-f]\)/\\x\1/g')"; }

say "started at $(uptime_s) s ($(uname -r))"
# Both stages show here when webboot booted itself again with a memmap= it planned (webboot.replanned=1).
say "command line: $(cat /proc/cmdline)"
boot="" args="" cmd="" modules="" then=shell
set -f
for word in $(cat /proc/cmdline); do
  case "$word" in
    webboot.boot=*) boot=$(urldecode "${word#webboot.boot=}") ;;
    webboot.args=*) args=$(urldecode "${word#webboot.args=}") ;;
    webboot.cmd=*) cmd="$cmd$(urldecode "${word#webboot.cmd=}")
" ;;
    webboot.modules=*) modules=$(urldecode "${word#webboot.modules=}" | tr ',' ' ') ;;
    webboot.then=*) then="${word#webboot.then=}" ;;
    webboot.debug) set -x ;;
  esac
done
set +f

# Drivers: the list the builder chose (/etc/webboot/modules) plus webboot.modules=, with webboot's own loader.
if [ -d "/lib/modules/$(uname -r)" ]; then
  # shellcheck disable=SC2046
  if webboot modules load $(cat /etc/webboot/modules 2>/dev/null) $modules > /run/webboot-modules.txt \
      2> /run/webboot-modules.log; then
    say "modules loaded: $(tr '\n' ' ' < /run/webboot-modules.txt)at $(uptime_s) s"
  else
    cat /run/webboot-modules.log
    say "loading the kernel modules failed (see above); continuing"
  fi
fi
ip link set lo up

run_timed() {
  start=$(uptime_s)
  say "running: webboot $*"
  # shellcheck disable=SC2068
  webboot "$@"
  status=$?
  end=$(uptime_s)
  say "webboot $* exited with status $status after $(awk "BEGIN { printf \"%.2f\", $end - $start }") s"
  return $status
}

set -f
if [ -n "$cmd" ]; then
  echo "$cmd" | while read -r line; do
    # shellcheck disable=SC2086
    [ -n "$line" ] && run_timed $line < /dev/console
  done
fi
if [ -n "$boot" ]; then
  # shellcheck disable=SC2086
  run_timed boot "$boot" $args || say "webboot boot $boot failed; here is a shell (webboot boot --help, webboot list)"
elif [ -z "$cmd" ]; then
  # The menu (JLine) wants the console as its controlling terminal.
  setsid cttyhack webboot
  say "webboot ended (exit status $?); here is a shell: try webboot list, webboot boot ID"
fi
set +f

case "$then" in
  poweroff) say "powering off"; poweroff -f ;;
  reboot) say "rebooting"; reboot -f ;;
esac
while true; do
  setsid cttyhack sh -l
  say "the shell ended; starting another"
done
