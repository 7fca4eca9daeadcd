# The demo's pieces, shared by scripts/demo and scripts/bench/boot-bench:
#   demo_iso DIR SIZE_MIB   a small live ISO: Debian's kernel + an initrd that mounts /dev/pmem0 and prints its marker
#   demo_publish DIR PORT   the ISO published as distributions do: SHA256SUMS, a detached OpenPGP signature by a key
#                           made here, and a signed catalog that pins the key's fingerprint
# Both need scripts/fetch-fixtures (Debian's kernel in .cache/fixtures/linux) and the DEMO_PACKAGES.
# shellcheck shell=bash

DEMO_KERNEL=.cache/fixtures/linux/vmlinuz
DEMO_MODULES=.cache/fixtures/linux/modules

# A root with busybox and its applets, and the named modules (paths under kernel/ without .ko) in load order.
demo_busybox_root() {
  local root=$1 module
  shift
  mkdir -p "$root"/{bin,dev,proc,sys,tmp,iso,lib/modules}
  cp "$(command -v busybox)" "$root/bin/busybox"
  for applet in $(busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  for module in "$@"; do
    cp "$DEMO_MODULES/kernel/$module.ko" "$root/lib/modules/"
    basename "$module" >> "$root/lib/modules/order"
  done
}

# demo_iso DIR SIZE_MIB: writes DIR/demo.iso (padded to about SIZE_MIB) and prints its marker.
demo_iso() {
  local dir=$1 size_mib=${2:-0} marker
  marker="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  rm -rf "$dir/stage2" "$dir/iso"
  mkdir -p "$dir/iso/boot/grub"
  # The "distribution's" initrd: it proves the ISO is on /dev/pmem0 in the kernel webboot kexec'd.
  demo_busybox_root "$dir/stage2" drivers/nvdimm/libnvdimm drivers/nvdimm/nd_btt drivers/nvdimm/nd_e820 \
    drivers/nvdimm/nd_pmem drivers/cdrom/cdrom fs/isofs/isofs
  cat > "$dir/stage2/init" <<'EOS'
#!/bin/sh
mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev
echo "DEMO-INIT: second kernel up ($(uname -r)), $(cut -d' ' -f1 /proc/uptime) s after its start"
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko; done
i=0; while [ ! -b /dev/pmem0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
if mount -t iso9660 -o ro /dev/pmem0 /iso; then
  echo "DEMO-MARKER: $(cat /iso/marker.txt)"
  echo "DEMO-PASS: the ISO webboot downloaded is /dev/pmem0 in the kernel it kexec'd ($(grep -o 'memmap=[^ ]*' /proc/cmdline))"
else
  echo "DEMO-FAIL: /dev/pmem0 is not the ISO"; ls -l /dev/pmem* 2>&1
fi
poweroff -f
EOS
  chmod +x "$dir/stage2/init"
  (cd "$dir/stage2" && find . | cpio -o -H newc --quiet | gzip -6) > "$dir/iso/boot/initrd.gz"
  cp "$DEMO_KERNEL" "$dir/iso/boot/vmlinuz"
  echo "$marker" > "$dir/iso/marker.txt"
  cat > "$dir/iso/boot/grub/grub.cfg" <<'CFG'
set default=0
set timeout=5
menuentry "webboot demo live" {
    linux /boot/vmlinuz console=ttyS0 panic=-1 quiet
    initrd /boot/initrd.gz
}
CFG
  local have
  have=$(du -sm "$dir/iso" | cut -f1)
  if [ "$size_mib" -gt "$have" ]; then # filler, so that the benchmark moves a realistic amount of data
    head -c "$(( (size_mib - have) * 1048576 ))" /dev/urandom > "$dir/iso/filler.bin"
  fi
  xorriso -as mkisofs -quiet -R -J -V WEBBOOT_DEMO -o "$dir/demo.iso" "$dir/iso" 2>/dev/null
  rm -rf "$dir/iso" "$dir/stage2"
  echo "$marker"
}

# demo_publish DIR PORT: DIR/www holds demo.iso, SHA256SUMS, SHA256SUMS.gpg, catalog.json and catalog.json.sig;
# DIR/demo-key.asc is the public key (the one the guest pins), signed with a key in DIR/gnupg.
demo_publish() {
  local dir=$1 port=$2 fpr size
  export GNUPGHOME=$dir/gnupg
  rm -rf "$GNUPGHOME" "$dir/www" && mkdir -p "$GNUPGHOME" "$dir/www" && chmod 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'webboot demo publisher <demo@webboot.invalid>' ed25519 sign never
  fpr=$(gpg --batch --with-colons --list-keys demo@webboot.invalid | awk -F: '$1 == "fpr" { print $10; exit }')
  gpg --batch --armor --export "$fpr" > "$dir/demo-key.asc"
  mv "$dir/demo.iso" "$dir/www/demo.iso"
  (cd "$dir/www" && sha256sum demo.iso > SHA256SUMS)
  gpg --batch --quiet --yes --local-user "$fpr" --output "$dir/www/SHA256SUMS.gpg" --detach-sign "$dir/www/SHA256SUMS"
  size=$(stat -c %s "$dir/www/demo.iso")
  local base="http://10.0.2.2:$port"
  cat > "$dir/www/catalog.json" <<JSON
{
  "schema": 1,
  "about": "The catalog of scripts/demo: one image, published on the host, signed by a key made for the demo.",
  "entries": [
    {
      "id": "demo",
      "name": "webboot demo live",
      "version": "1",
      "arch": "x86_64",
      "url": "$base/demo.iso",
      "mirrors": [],
      "sums": "$base/SHA256SUMS",
      "signature": "$base/SHA256SUMS.gpg",
      "signatureCovers": "sums",
      "fingerprints": ["$fpr"],
      "keys": [],
      "family": "generic",
      "minPmemBytes": $size,
      "checked": "made by scripts/demo",
      "notes": "Debian's kernel and a busybox initrd that prints the ISO's marker from /dev/pmem0."
    }
  ]
}
JSON
  gpg --batch --quiet --yes --local-user "$fpr" --output "$dir/www/catalog.json.sig" --detach-sign "$dir/www/catalog.json"
  echo "$fpr"
}
