# Debian packages webboot's scripts need, and a function that installs the missing ones.
# shellcheck shell=bash

# The peers the tests compare webboot with, and the tools that build their fixtures.
TEST_PACKAGES=(
  # images
  xorriso genisoimage squashfs-tools cpio libarchive-tools dosfstools attr e2fsprogs initramfs-tools-core
  # boot media (webboot media build): GRUB for BIOS and UEFI, the EFI image, the firmware the tests boot it with
  grub-common grub-pc-bin grub-efi-amd64-bin mtools ovmf seabios
  # codecs
  zstd xz-utils lz4 lzop bzip2
  # fetch and verify
  gnupg nginx-light curl debian-archive-keyring openssl
  # network
  dnsmasq iproute2 wpasupplicant hostapd
  # kernel, modules, QEMU
  kmod file mount fdisk qemu-system-x86 busybox-static
  # the interactive menu, driven the way a person uses it; the shells the completion scripts are tried in
  tmux zsh
)

# What scripts/build-real-iso needs to build real live ISOs with the distributions' own tools (live-build, debootstrap
# + dracut in a chroot, isolinux/GRUB boot files), and what the real-image boots and their baseline use.
REAL_ISO_PACKAGES=(
  live-build debootstrap xorriso squashfs-tools e2fsprogs dosfstools mtools
  isolinux syslinux-common grub-efi-amd64-bin grub-common util-linux
  qemu-system-x86 busybox-static kexec-tools cpio python3 zstd xz-utils
)

# What scripts/demo needs on a fresh Debian 12: the build, the initramfs builder (jlink needs the jmods of
# openjdk-17-jdk-headless, unshare makes the CDS archive), the demo ISO and its signatures, QEMU.
DEMO_PACKAGES=(
  openjdk-17-jdk-headless maven
  busybox-static cpio gzip zstd kmod util-linux dpkg
  xorriso gnupg coreutils
  qemu-system-x86
)

# Installs those of the named packages that are not installed yet (needs root, or sudo).
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Where scripts/build-real-iso keeps the ISOs it builds, outside any clone so that a fresh clone (CI) reuses them; each
# ISO's name carries the hash of its build inputs.
REAL_ISO_CACHE=${REAL_ISO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/webboot/real-iso}
