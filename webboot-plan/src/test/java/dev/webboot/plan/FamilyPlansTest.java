package dev.webboot.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.plan.grub.GrubConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fixture ISO per family, built by xorriso with the distribution's layout, label style and boot configuration
 * constructs (configs written for these tests from the documented facts), planned for both media and compared in full.
 */
class FamilyPlansTest {
    private static final String RUNNING = "BOOT_IMAGE=/vmlinuz console=ttyS0 memmap=1G!4G panic=-1";
    private static final String M = " memmap=1G!4G";
    private static final BootMedium PMEM = BootMedium.pmem();
    private static final BootMedium.IsoFile FILE =
            new BootMedium.IsoFile("/isos/live.iso", "5d2c0f3e-1b7a-4c39-9f1e-0a6b8c7d2e11");

    @TempDir
    Path work;

    private final BootPlanner planner = BootPlanner.standard().withRunningCommandLine(() -> RUNNING);

    private final List<FixtureIso.Built> opened = new ArrayList<>();

    /** Builds the fixture, opens it with webboot's ISO 9660 file system; the xorriso-extracted copy is kept. */
    private BootImage open(FixtureIso fixture) {
        FixtureIso.Built built = fixture.buildAndOpen(work);
        opened.add(built);
        return built.iso();
    }

    /** Plans on the ISO file system, checking that the directory xorriso extracted plans exactly alike. */
    private BootPlan plan(BootImage image, BootMedium medium) throws IOException {
        BootPlan plan = planner.plan(image, medium);
        for (FixtureIso.Built built : opened) {
            if (built.iso() == image) {
                assertThat(planner.plan(built.extracted(), medium)).isEqualTo(plan);
            }
        }
        // Where the entries came from is asserted here for every family (a file of the image, or the BLS folder);
        // the expected plans below then state the entries alone.
        assertThat(plan.configuration().equals("/loader/entries")
                        || Files.isRegularFile(image.resolve(plan.configuration())))
                .as("configuration %s is a file of the image", plan.configuration())
                .isTrue();
        return new BootPlan(plan.family(), plan.label(), plan.entries());
    }

    @AfterEach
    void close() throws IOException {
        for (FixtureIso.Built built : opened) {
            built.close();
        }
    }

    private static BootEntry entry(String title, String kernel, List<String> initrds, String cmdline, boolean def) {
        return BootEntry.of(title, kernel, initrds, cmdline, def);
    }

    /** The entry with the full pmem patch on a pmem medium; on a file medium no patch is planned. */
    private static BootEntry patchedOn(BootMedium medium, BootEntry entry, String version, InitramfsFamily hook) {
        return medium instanceof BootMedium.IsoFile
                ? entry
                : entry.withPatch(Optional.of(new DriverPatch(DriverPatch.PMEM_MODULES, version, hook)));
    }

    /** {@link #patchedOn} for every Linux entry of a plan. */
    private static BootPlan patchedOn(BootMedium medium, BootPlan plan, String version, InitramfsFamily hook) {
        return new BootPlan(
                plan.family(),
                plan.label(),
                plan.entries().stream()
                        .map(e -> patchedOn(medium, e, version, hook))
                        .toList());
    }

    // ---------------------------------------------------------------- Ubuntu 24.04 (casper)

    static final String UBUNTU_GRUB =
            """
            set timeout=30

            loadfont unicode

            set menu_color_normal=white/black
            set menu_color_highlight=black/light-gray

            menuentry "Try or Install Ubuntu" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  layerfs-path=minimal.standard.live.squashfs --- quiet splash
            	initrd	/casper/initrd
            }
            menuentry "Ubuntu (safe graphics)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  nomodeset layerfs-path=minimal.standard.live.squashfs --- quiet splash
            	initrd	/casper/initrd
            }
            grub_platform
            if [ "$grub_platform" = "efi" ]; then
            menuentry 'Boot from next volume' {
            	exit 1
            }
            menuentry 'UEFI Firmware Settings' {
            	fwsetup
            }
            else
            menuentry 'Test memory' {
            	linux16 /boot/memtest86+x64.bin
            }
            fi
            """;

    static final String UBUNTU_LOOPBACK =
            """
            menuentry "Try or Install Ubuntu" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  layerfs-path=minimal.standard.live.squashfs iso-scan/filename=${iso_path} --- quiet splash
            	initrd	/casper/initrd
            }
            menuentry "Ubuntu (safe graphics)" {
            	set gfxpayload=keep
            	linux	/casper/vmlinuz  nomodeset layerfs-path=minimal.standard.live.squashfs iso-scan/filename=${iso_path} --- quiet splash
            	initrd	/casper/initrd
            }
            """;

    static FixtureIso ubuntuIso() {
        return new FixtureIso("Ubuntu 24.04.1 LTS amd64", "2024082710220000")
                .kernel("/casper/vmlinuz", "6.8.0-41-generic")
                .file("/casper/initrd", "initrd")
                .file("/casper/minimal.squashfs", "sq")
                .file("/casper/minimal.standard.squashfs", "sq")
                .file("/casper/minimal.standard.live.squashfs", "sq")
                .file("/.disk/info", "Ubuntu 24.04.1 LTS \"Noble Numbat\" - Release amd64 (20240827)")
                .file("/boot/grub/grub.cfg", UBUNTU_GRUB)
                .file("/boot/grub/loopback.cfg", UBUNTU_LOOPBACK)
                .file("/boot/memtest86+x64.bin", "memtest")
                .file("/EFI/boot/bootx64.efi", "efi");
    }

    @Test
    void ubuntu() throws IOException {
        BootImage image = open(ubuntuIso());
        assertThat(image.label()).isEqualTo("Ubuntu 24.04.1 LTS amd64");
        assertThat(planner.plan(image, PMEM).configuration()).isEqualTo("/boot/grub/grub.cfg");
        List<String> initrd = List.of("/casper/initrd");
        assertThat(plan(image, PMEM))
                .isEqualTo(patchedOn(
                        PMEM,
                        new BootPlan(
                                "casper",
                                "Ubuntu 24.04.1 LTS amd64",
                                List.of(
                                        entry(
                                                "Try or Install Ubuntu",
                                                "/casper/vmlinuz",
                                                initrd,
                                                "layerfs-path=minimal.standard.live.squashfs boot=casper live-media=/dev/pmem0"
                                                        + M + " --- quiet splash",
                                                true),
                                        entry(
                                                "Ubuntu (safe graphics)",
                                                "/casper/vmlinuz",
                                                initrd,
                                                "nomodeset layerfs-path=minimal.standard.live.squashfs boot=casper"
                                                        + " live-media=/dev/pmem0" + M + " --- quiet splash",
                                                false))),
                        "6.8.0-41-generic",
                        InitramfsFamily.INITRAMFS_TOOLS));
        assertThat(plan(image, FILE))
                .isEqualTo(new BootPlan(
                        "casper",
                        "Ubuntu 24.04.1 LTS amd64",
                        List.of(
                                entry(
                                        "Try or Install Ubuntu",
                                        "/casper/vmlinuz",
                                        initrd,
                                        "layerfs-path=minimal.standard.live.squashfs boot=casper"
                                                + " iso-scan/filename=/isos/live.iso" + M + " --- quiet splash",
                                        true),
                                entry(
                                        "Ubuntu (safe graphics)",
                                        "/casper/vmlinuz",
                                        initrd,
                                        "nomodeset layerfs-path=minimal.standard.live.squashfs boot=casper"
                                                + " iso-scan/filename=/isos/live.iso" + M + " --- quiet splash",
                                        false))));
        // The loopback.cfg itself expanded ${iso_path}, before the plugin normalized it.
        assertThat(GrubConfig.readLoopback(image, "/boot/grub/loopback.cfg", FILE)
                        .get(0)
                        .cmdline())
                .isEqualTo("layerfs-path=minimal.standard.live.squashfs iso-scan/filename=/isos/live.iso --- quiet"
                        + " splash");
    }

    // ---------------------------------------------------------------- Arch Linux (archiso)

    static final String ARCH_GRUB =
            """
            # Load partition table and file system modules
            insmod part_gpt
            insmod part_msdos
            insmod fat
            insmod iso9660

            # Use graphics-mode output
            if loadfont "${prefix}/fonts/unicode.pf2" ; then
                insmod all_video
                set gfxmode="auto"
                terminal_input console
                terminal_output console
            fi

            # Enable serial console
            if serial --unit=0 --speed=115200; then
                terminal_input --append serial
                terminal_output --append serial
            fi

            # Search for the ISO volume
            if [ -z "${ARCHISO_UUID}" ]; then
                if [ -z "${ARCHISO_HINT}" ]; then
                    regexp --set=1:ARCHISO_HINT '^\\(([^)]+)\\)' "${cmdpath}"
                fi
                search --no-floppy --set=root --file '/boot/2024-10-01-08-30-00-00.uuid' --hint "${ARCHISO_HINT}"
                probe --set ARCHISO_UUID --fs-uuid "${root}"
            fi

            # Set default menu entry
            default=archlinux
            timeout=15
            timeout_style=menu

            # Menu entries

            menuentry "Arch Linux install medium (x86_64, UEFI)" --class arch --class gnu-linux --class gnu --class os --id 'archlinux' {
                set gfxpayload=keep
                linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch archisosearchuuid=${ARCHISO_UUID}
                initrd /arch/boot/intel-ucode.img /arch/boot/amd-ucode.img /arch/boot/x86_64/initramfs-linux.img
            }

            menuentry "Arch Linux install medium with speakup screen reader (x86_64, UEFI)" --hotkey s --class arch --class gnu-linux --class gnu --class os --id 'archlinux-accessibility' {
                set gfxpayload=keep
                linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch archisosearchuuid=${ARCHISO_UUID} accessibility=on
                initrd /arch/boot/intel-ucode.img /arch/boot/amd-ucode.img /arch/boot/x86_64/initramfs-linux.img
            }

            if [ "${grub_platform}" == "efi" ]; then
                if [ "${grub_cpu}" == "x86_64" ]; then
                    menuentry "Run Memtest86+ (RAM test)" --class memtest86 --class memtest --class gnu --class tool {
                        set gfxpayload=800x600,1024x768
                        linux /boot/memtest86+/memtest.efi
                    }
                    menuentry "UEFI Shell" --class efi {
                        chainloader /shellx64.efi
                    }
                fi
                menuentry 'UEFI Firmware Settings' --id 'uefi-firmware' {
                    fwsetup
                }
            fi

            menuentry "System shutdown" --class shutdown --class poweroff {
                echo "System shutting down..."
                halt
            }
            """;

    static final String ARCH_LOOPBACK =
            """
            # https://www.supergrubdisk.org/wiki/Loopback.cfg

            # Search for the ISO volume
            search --no-floppy --set=archiso_img_dev --file "${iso_path}"
            probe --set archiso_img_dev_uuid --fs-uuid "${archiso_img_dev}"

            # Get a human readable platform identifier
            if [ "${grub_platform}" == 'efi' ]; then
                archiso_platform='UEFI'
            else
                archiso_platform='BIOS'
            fi

            default=archlinux
            timeout=15

            menuentry "Arch Linux install medium (x86_64, ${archiso_platform})" --class arch --class gnu-linux --class gnu --class os --id 'archlinux' {
                set gfxpayload=keep
                linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch img_dev=UUID=${archiso_img_dev_uuid} img_loop="${iso_path}"
                initrd /arch/boot/intel-ucode.img /arch/boot/amd-ucode.img /arch/boot/x86_64/initramfs-linux.img
            }

            menuentry "Arch Linux install medium with speakup screen reader (x86_64, ${archiso_platform})" --hotkey s --class arch --class gnu-linux --class gnu --class os --id 'archlinux-accessibility' {
                set gfxpayload=keep
                linux /arch/boot/x86_64/vmlinuz-linux archisobasedir=arch img_dev=UUID=${archiso_img_dev_uuid} img_loop="${iso_path}" accessibility=on
                initrd /arch/boot/intel-ucode.img /arch/boot/amd-ucode.img /arch/boot/x86_64/initramfs-linux.img
            }
            """;

    static FixtureIso archIso() {
        return new FixtureIso("ARCH_202410", "2024100108300000")
                .kernel("/arch/boot/x86_64/vmlinuz-linux", "6.11.1-arch1-1")
                .file("/arch/boot/x86_64/initramfs-linux.img", "initramfs")
                .file("/arch/boot/intel-ucode.img", "ucode")
                .file("/arch/boot/amd-ucode.img", "ucode")
                .file("/arch/x86_64/airootfs.sfs", "sq")
                .file("/arch/version", "2024.10.01\n")
                .file("/boot/2024-10-01-08-30-00-00.uuid", "")
                .file("/boot/grub/grub.cfg", ARCH_GRUB)
                .file("/boot/grub/loopback.cfg", ARCH_LOOPBACK)
                .file("/boot/memtest86+/memtest.efi", "memtest")
                .file("/shellx64.efi", "shell")
                .file("/loader/loader.conf", "timeout 15\ndefault 01-archiso-x86_64-linux.conf\nbeep on\n")
                .file(
                        "/loader/entries/01-archiso-x86_64-linux.conf",
                        "title    Arch Linux install medium (x86_64, UEFI)\nsort-key 01\n"
                                + "linux    /arch/boot/x86_64/vmlinuz-linux\ninitrd   /arch/boot/intel-ucode.img\n"
                                + "initrd   /arch/boot/amd-ucode.img\ninitrd   /arch/boot/x86_64/initramfs-linux.img\n"
                                + "options  archisobasedir=arch archisosearchuuid=2024-10-01-08-30-00-00\n")
                .file(
                        "/syslinux/syslinux.cfg",
                        "DEFAULT select\n\nLABEL select\nCOM32 boot/syslinux/whichsys.c32\n"
                                + "APPEND -pxe- pxe -sys- sys -iso- sys\n\nLABEL sys\nCONFIG archiso_sys.cfg\n");
    }

    @Test
    void arch() throws IOException {
        BootImage image = open(archIso());
        assertThat(image.uuid()).isEqualTo("2024-10-01-08-30-00-00");
        List<String> initrds = List.of(
                "/arch/boot/intel-ucode.img", "/arch/boot/amd-ucode.img", "/arch/boot/x86_64/initramfs-linux.img");
        String kernel = "/arch/boot/x86_64/vmlinuz-linux";
        String main = "Arch Linux install medium (x86_64, UEFI)";
        String speech = "Arch Linux install medium with speakup screen reader (x86_64, UEFI)";
        assertThat(plan(image, PMEM))
                .isEqualTo(patchedOn(
                        PMEM,
                        new BootPlan(
                                "archiso",
                                "ARCH_202410",
                                List.of(
                                        entry(
                                                main,
                                                kernel,
                                                initrds,
                                                "archisobasedir=arch archisodevice=/dev/pmem0 copytoram=n" + M,
                                                true),
                                        entry(
                                                speech,
                                                kernel,
                                                initrds,
                                                "archisobasedir=arch accessibility=on archisodevice=/dev/pmem0 copytoram=n"
                                                        + M,
                                                false))),
                        "6.11.1-arch1-1",
                        InitramfsFamily.MKINITCPIO));
        String file = " img_dev=UUID=5d2c0f3e-1b7a-4c39-9f1e-0a6b8c7d2e11 img_loop=/isos/live.iso";
        assertThat(plan(image, FILE))
                .isEqualTo(new BootPlan(
                        "archiso",
                        "ARCH_202410",
                        List.of(
                                entry(main, kernel, initrds, "archisobasedir=arch" + file + M, true),
                                entry(
                                        speech,
                                        kernel,
                                        initrds,
                                        "archisobasedir=arch accessibility=on" + file + M,
                                        false))));
        // What the interpreter itself computed: search --file ${iso_path} found the host disk, probe its UUID;
        // and in grub.cfg the .uuid file search and probe gave archisosearchuuid.
        assertThat(GrubConfig.readLoopback(image, "/boot/grub/loopback.cfg", FILE)
                        .get(0)
                        .cmdline())
                .isEqualTo("archisobasedir=arch" + file);
        assertThat(GrubConfig.read(image, "/boot/grub/grub.cfg").get(0).cmdline())
                .isEqualTo("archisobasedir=arch archisosearchuuid=2024-10-01-08-30-00-00");
    }

    // ---------------------------------------------------------------- Fedora 41 (dracut, classic layout)

    static final String FEDORA_41_GRUB =
            """
            set default="1"

            function load_video {
              insmod all_video
            }

            load_video
            set gfxpayload=keep
            insmod gzio
            insmod part_gpt
            insmod ext2
            insmod chain

            set timeout=60
            ### END /etc/grub.d/00_header ###

            search --no-floppy --set=root -l 'Fedora-WS-Live-41-1-4'

            ### BEGIN /etc/grub.d/10_linux ###
            menuentry 'Start Fedora-Workstation-Live 41' --class fedora --class gnu-linux --class gnu --class os {
            	linux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-41-1-4  rd.live.image quiet rhgb
            	initrd /images/pxeboot/initrd.img
            }
            menuentry 'Test this media & start Fedora-Workstation-Live 41' --class fedora --class gnu-linux --class gnu --class os {
            	linux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-41-1-4  rd.live.image rd.live.check quiet
            	initrd /images/pxeboot/initrd.img
            }
            submenu 'Troubleshooting -->' {
            	menuentry 'Start Fedora-Workstation-Live 41 in basic graphics mode' --class fedora --class gnu-linux --class gnu --class os {
            		linux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-41-1-4  rd.live.image nomodeset quiet rhgb
            		initrd /images/pxeboot/initrd.img
            	}
            	menuentry 'Boot first drive' --class fedora --class gnu-linux --class gnu --class os {
            		chainloader (hd0)+1
            	}
            }
            """;

    static FixtureIso fedora41Iso() {
        return new FixtureIso("Fedora-WS-Live-41-1-4", "2024102411000000")
                .kernel("/images/pxeboot/vmlinuz", "6.11.4-301.fc41.x86_64")
                .file("/images/pxeboot/initrd.img", "initrd")
                .file("/images/efiboot.img", "efi")
                .file("/LiveOS/squashfs.img", "sq")
                .file("/EFI/BOOT/grub.cfg", FEDORA_41_GRUB)
                .file("/EFI/BOOT/BOOTX64.EFI", "shim")
                .file(
                        "/boot/grub2/grub.cfg",
                        "set default=\"0\"\nsearch --no-floppy --set=root -l 'Fedora-WS-Live-41-1-4'\n"
                                + "menuentry 'Start Fedora-Workstation-Live 41 (BIOS)' {\n"
                                + "\tlinux /images/pxeboot/vmlinuz root=live:CDLABEL=Fedora-WS-Live-41-1-4 rd.live.image\n"
                                + "\tinitrd /images/pxeboot/initrd.img\n}\n");
    }

    @Test
    void fedora41() throws IOException {
        BootImage image = open(fedora41Iso());
        String kernel = "/images/pxeboot/vmlinuz";
        List<String> initrd = List.of("/images/pxeboot/initrd.img");
        String root = "root=live:CDLABEL=Fedora-WS-Live-41-1-4 rd.live.image";
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String file = medium == FILE ? " iso-scan/filename=/isos/live.iso" : "";
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "dracut",
                            "Fedora-WS-Live-41-1-4",
                            List.of(
                                            entry(
                                                    "Start Fedora-Workstation-Live 41",
                                                    kernel,
                                                    initrd,
                                                    root + " quiet rhgb" + file + M,
                                                    false),
                                            entry(
                                                    "Test this media & start Fedora-Workstation-Live 41",
                                                    kernel,
                                                    initrd,
                                                    root + " rd.live.check quiet" + file + M,
                                                    true),
                                            entry(
                                                    "Troubleshooting --> > Start Fedora-Workstation-Live 41 in basic graphics mode",
                                                    kernel,
                                                    initrd,
                                                    root + " nomodeset quiet rhgb" + file + M,
                                                    false))
                                    .stream()
                                    .map(e -> patchedOn(medium, e, "6.11.4-301.fc41.x86_64", InitramfsFamily.DRACUT))
                                    .toList()));
        }
    }

    // ---------------------------------------------------------------- Fedora 42 (dracut, kiwi-built layout)

    static final String FEDORA_42_GRUB =
            """
            set btrfs_relative_path="y"
            export btrfs_relative_path
            search --file --set=root /boot/0x3f8a1c2e
            set default=0
            if [ -n "$extra_cmdline" ]; then
              submenu "Bootable snapshot $snapshot_num" {
                menuentry "If OK, run 'snapper rollback' and reboot." { true; }
              }
            fi
            set timeout=10
            set timeout_style=menu

            if [ "${grub_platform}" = "efi" ]; then
                echo "Please press 't' to show the boot menu on this console"
            fi
            set font=($root)/boot/x86_64/loader/grub2/fonts/unicode.pf2
            if [ -f ${font} ];then
                loadfont ${font}
            fi
            menuentry "Start Fedora-Workstation-Live 42" --class os --unrestricted {
                set gfxpayload=keep
                echo Loading kernel...
                linux ($root)/boot/x86_64/loader/linux ${extra_cmdline} root=live:CDLABEL=Fedora-WS-Live-42-1-1 rd.live.image rhgb quiet
                echo Loading initrd...
                initrd ($root)/boot/x86_64/loader/initrd
            }
            menuentry "Test this media & start Fedora-Workstation-Live 42" --class os --unrestricted {
                set gfxpayload=keep
                linux ($root)/boot/x86_64/loader/linux ${extra_cmdline} root=live:CDLABEL=Fedora-WS-Live-42-1-1 rd.live.image rd.live.check
                initrd ($root)/boot/x86_64/loader/initrd
            }
            """;

    static FixtureIso fedora42Iso() {
        return new FixtureIso("Fedora-WS-Live-42-1-1", "2025041011000000")
                .kernel("/boot/x86_64/loader/linux", "6.14.0-63.fc42.x86_64")
                .file("/boot/x86_64/loader/initrd", "initrd")
                .file("/boot/x86_64/efi", "efi image")
                .file("/boot/0x3f8a1c2e", "")
                .file("/LiveOS/squashfs.img", "sq")
                .file("/EFI/BOOT/grub.cfg", FEDORA_42_GRUB)
                .file("/boot/grub2/grub.cfg", FEDORA_42_GRUB);
    }

    @Test
    void fedora42() throws IOException {
        BootImage image = open(fedora42Iso());
        String kernel = "/boot/x86_64/loader/linux";
        List<String> initrd = List.of("/boot/x86_64/loader/initrd");
        String root = "root=live:CDLABEL=Fedora-WS-Live-42-1-1 rd.live.image";
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String file = medium == FILE ? " iso-scan/filename=/isos/live.iso" : "";
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "dracut",
                            "Fedora-WS-Live-42-1-1",
                            List.of(
                                    patchedOn(
                                            medium,
                                            entry(
                                                    "Start Fedora-Workstation-Live 42",
                                                    kernel,
                                                    initrd,
                                                    root + " rhgb quiet" + file + M,
                                                    true),
                                            "6.14.0-63.fc42.x86_64",
                                            InitramfsFamily.DRACUT),
                                    patchedOn(
                                            medium,
                                            entry(
                                                    "Test this media & start Fedora-Workstation-Live 42",
                                                    kernel,
                                                    initrd,
                                                    root + " rd.live.check" + file + M,
                                                    false),
                                            "6.14.0-63.fc42.x86_64",
                                            InitramfsFamily.DRACUT))));
        }
    }

    // ---------------------------------------------------------------- openSUSE Tumbleweed (kiwi)

    static final String SUSE_EFI_STUB =
            """
            set btrfs_relative_path="yes"
            search --file --set=root /boot/0x6a3b9e21
            set prefix=($root)/boot/grub2
            source ($root)/boot/grub2/grub.cfg
            """;

    static final String SUSE_GRUB =
            """
            set btrfs_relative_path="y"
            export btrfs_relative_path
            search --file --set=root /boot/0x6a3b9e21
            set default=0
            set timeout=10
            set timeout_style=menu
            if [ "${grub_platform}" = "efi" ]; then
                set linux=linuxefi
                set initrd=initrdefi
            else
                set linux=linux
                set initrd=initrd
            fi
            insmod gfxterm
            if loadfont ($root)/boot/x86_64/loader/grub2/fonts/unicode.pf2; then
                set gfxmode=auto
                terminal_output gfxterm
            fi
            menuentry "openSUSE Tumbleweed" --class os --unrestricted {
                set gfxpayload=keep
                echo Loading kernel...
                $linux ($root)/boot/x86_64/loader/linux ${extra_cmdline} splash=silent rd.live.image root=live:CDLABEL=openSUSE_Tumbleweed_KDE_Live showopts
                echo Loading initrd...
                $initrd ($root)/boot/x86_64/loader/initrd
            }
            submenu "Failsafe -- openSUSE Tumbleweed" --class os {
                menuentry "Failsafe -- openSUSE Tumbleweed" --class os --unrestricted {
                    set gfxpayload=keep
                    $linux ($root)/boot/x86_64/loader/linux ${extra_cmdline} splash=silent rd.live.image root=live:CDLABEL=openSUSE_Tumbleweed_KDE_Live showopts ide=nodma apm=off noresume edd=off nomodeset 3
                    $initrd ($root)/boot/x86_64/loader/initrd
                }
            }
            menuentry "Mediacheck" --class os --unrestricted {
                set gfxpayload=keep
                $linux ($root)/boot/x86_64/loader/linux mediacheck=1 plymouth.enable=0 rd.live.image root=live:CDLABEL=openSUSE_Tumbleweed_KDE_Live
                $initrd ($root)/boot/x86_64/loader/initrd
            }
            menuentry "Boot from Hard Disk" --class os {
                exit
            }
            """;

    static FixtureIso opensuseIso() {
        return new FixtureIso("openSUSE_Tumbleweed_KDE_Live", "2024110207000000")
                .kernel("/boot/x86_64/loader/linux", "6.11.5-1-default")
                .file("/boot/x86_64/loader/initrd", "initrd")
                .file("/boot/x86_64/efi", "efi image")
                .file("/boot/0x6a3b9e21", "")
                .file("/LiveOS/squashfs.img", "sq")
                .file("/EFI/BOOT/grub.cfg", SUSE_EFI_STUB)
                .file("/boot/grub2/grub.cfg", SUSE_GRUB);
    }

    @Test
    void opensuse() throws IOException {
        BootImage image = open(opensuseIso());
        String kernel = "/boot/x86_64/loader/linux";
        List<String> initrd = List.of("/boot/x86_64/loader/initrd");
        String root = "root=live:CDLABEL=openSUSE_Tumbleweed_KDE_Live";
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String file = medium == FILE ? " iso-scan/filename=/isos/live.iso" : "";
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "kiwi",
                            "openSUSE_Tumbleweed_KDE_Live",
                            List.of(
                                            entry(
                                                    "openSUSE Tumbleweed",
                                                    kernel,
                                                    initrd,
                                                    "splash=silent rd.live.image " + root + " showopts" + file + M,
                                                    true),
                                            entry(
                                                    "Failsafe -- openSUSE Tumbleweed > Failsafe -- openSUSE Tumbleweed",
                                                    kernel,
                                                    initrd,
                                                    "splash=silent rd.live.image " + root
                                                            + " showopts ide=nodma apm=off noresume edd=off nomodeset 3"
                                                            + file + M,
                                                    false),
                                            entry(
                                                    "Mediacheck",
                                                    kernel,
                                                    initrd,
                                                    "mediacheck=1 plymouth.enable=0 rd.live.image " + root + file + M,
                                                    false))
                                    .stream()
                                    .map(e -> patchedOn(medium, e, "6.11.5-1-default", InitramfsFamily.DRACUT))
                                    .toList()));
        }
    }

    // ---------------------------------------------------------------- TinyCore (isolinux only)

    static final String TINYCORE_ISOLINUX =
            """
            display boot.msg
            default mc
            label mc
            	kernel /boot/vmlinuz64
            	initrd /boot/corepure64.gz
            	append loglevel=3

            label mcx
            	kernel /boot/vmlinuz64
            	initrd /boot/corepure64.gz
            	append loglevel=3 cde

            label mcvga
            	kernel /boot/vmlinuz64
            	initrd /boot/corepure64.gz
            	append loglevel=3 vga=791

            implicit 0
            prompt 1
            timeout 300
            F1 boot.msg
            F2 f2
            F3 f3
            F4 f4
            """;

    static FixtureIso tinycoreIso() {
        return new FixtureIso("CorePure64", "2024031512000000")
                .kernel("/boot/vmlinuz64", "6.6.8-tinycore64")
                .file("/boot/corepure64.gz", "initrd")
                .file("/boot/isolinux/isolinux.cfg", TINYCORE_ISOLINUX)
                .file("/boot/isolinux/isolinux.bin", "isolinux")
                .file("/boot/isolinux/boot.msg", "TinyCore")
                .file("/cde/onboot.lst", "tce-load.tcz\n")
                .file("/cde/optional/tce-load.tcz", "tcz");
    }

    @Test
    void tinycore() throws IOException {
        BootImage image = open(tinycoreIso());
        String kernel = "/boot/vmlinuz64";
        List<String> initrd = List.of("/boot/corepure64.gz");
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String file = medium == FILE ? " iso=UUID=5d2c0f3e-1b7a-4c39-9f1e-0a6b8c7d2e11/isos/live.iso" : "";
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "tinycore",
                            "CorePure64",
                            List.of(
                                    entry("mc", kernel, initrd, "loglevel=3 cde" + file + M, true),
                                    entry("mcx", kernel, initrd, "loglevel=3 cde" + file + M, false),
                                    entry("mcvga", kernel, initrd, "loglevel=3 vga=791 cde" + file + M, false))));
        }
    }

    // ---------------------------------------------------------------- Debian live (live-boot)

    static final String DEBIAN_GRUB =
            """
            source /boot/grub/config.cfg

            # Live boot
            menuentry "Live system (amd64)" --hotkey=l {
            	linux	/live/vmlinuz-6.1.0-25-amd64 boot=live components quiet splash findiso=${iso_path}
            	initrd	/live/initrd.img-6.1.0-25-amd64
            }
            menuentry "Live system (amd64 fail-safe mode)" {
            	linux	/live/vmlinuz-6.1.0-25-amd64 boot=live components noapic noapm nodma nomce nolapic nosmp nosplash vga=788
            	initrd	/live/initrd.img-6.1.0-25-amd64
            }

            # Installer (if any)
            if [ -e /install/vmlinuz ]; then
            menuentry "Start installer" --hotkey=i {
            	linux	/install/vmlinuz vga=788 --- quiet
            	initrd	/install/initrd.gz
            }
            fi

            submenu 'Utilities...' --hotkey=u {
            	source /boot/grub/theme/2
            	menuentry "Memory Diagnostic Test (memtest86+x64.bin)" --hotkey=m {
            		linux16 /live/memtest86+x64.bin
            	}
            }
            """;

    static FixtureIso debianIso() {
        return new FixtureIso("d-live 12.7.0 gn amd64", "2024083112000000")
                .kernel("/live/vmlinuz-6.1.0-25-amd64", "6.1.0-25-amd64")
                .file("/live/initrd.img-6.1.0-25-amd64", "initrd")
                .file("/live/filesystem.squashfs", "sq")
                .file("/live/memtest86+x64.bin", "memtest")
                .kernel("/install/vmlinuz", "6.1.0-25-amd64")
                .file("/install/initrd.gz", "d-i")
                .file("/boot/grub/grub.cfg", DEBIAN_GRUB)
                .file(
                        "/boot/grub/config.cfg",
                        "set default=0\nset timeout=30\nloadfont $prefix/unicode.pf2\n"
                                + "set color_normal=light-gray/black\nif [ x$feature_default_font_path = xy ] ; then\n"
                                + "   font=unicode\nelse\n   font=$prefix/font.pf2\nfi\n")
                .file("/boot/grub/theme/2", "set menu_color_highlight=white/red\n")
                .file("/boot/grub/loopback.cfg", "source /boot/grub/grub.cfg\n")
                .file("/isolinux/isolinux.cfg", "include menu.cfg\ndefault vesamenu.c32\nprompt 0\ntimeout 0\n")
                .file("/isolinux/menu.cfg", "menu hshift 0\nmenu width 82\ninclude stdmenu.cfg\ninclude live.cfg\n")
                .file("/isolinux/stdmenu.cfg", "menu background splash.png\n")
                .file(
                        "/isolinux/live.cfg",
                        "label live-amd64\n\tmenu label ^Live system (amd64)\n\tmenu default\n"
                                + "\tlinux /live/vmlinuz-6.1.0-25-amd64\n\tinitrd /live/initrd.img-6.1.0-25-amd64\n"
                                + "\tappend boot=live components quiet splash\n");
    }

    @Test
    void debianLive() throws IOException {
        BootImage image = open(debianIso());
        String kernel = "/live/vmlinuz-6.1.0-25-amd64";
        List<String> initrd = List.of("/live/initrd.img-6.1.0-25-amd64");
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String find = medium == FILE ? " findiso=/isos/live.iso" : " live-media=/dev/pmem0";
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "live-boot",
                            "d-live 12.7.0 gn amd64",
                            List.of(
                                    patchedOn(
                                            medium,
                                            entry(
                                                    "Live system (amd64)",
                                                    kernel,
                                                    initrd,
                                                    "boot=live components quiet splash" + find + M,
                                                    true),
                                            "6.1.0-25-amd64",
                                            InitramfsFamily.INITRAMFS_TOOLS),
                                    patchedOn(
                                            medium,
                                            entry(
                                                    "Live system (amd64 fail-safe mode)",
                                                    kernel,
                                                    initrd,
                                                    "boot=live components noapic noapm nodma nomce nolapic nosmp"
                                                            + " nosplash vga=788" + find + M,
                                                    false),
                                            "6.1.0-25-amd64",
                                            InitramfsFamily.INITRAMFS_TOOLS),
                                    entry(
                                            "Start installer",
                                            "/install/vmlinuz",
                                            List.of("/install/initrd.gz"),
                                            "vga=788" + M + " --- quiet",
                                            false))));
        }
    }

    // ---------------------------------------------------------------- Manjaro (miso)

    static final String MANJARO_GRUB =
            """
            # Global options
            set timeout=10
            set default=0
            set fallback=1
            set pager=1

            # Display options
            insmod all_video
            insmod gfxterm
            terminal_output gfxterm

            # Variables
            source /boot/grub/variable.cfg
            source /boot/grub/defaults.cfg
            regexp --set=1:lang_short '^([a-z]+)_' "$lang"

            # Kernels
            source /boot/grub/kernels.cfg
            """;

    static final String MANJARO_KERNELS =
            """
            menuentry "Boot with open source drivers" --class=manjaro --hotkey=F1 {
                set gfxpayload=keep
                linux /boot/vmlinuz-$arch driver=free nouveau.modeset=1 i915.modeset=1 radeon.modeset=1 tz=$timezone lang=$lang keytable=$keytable $kernel_args
                initrd /boot/intel_ucode.img /boot/amd_ucode.img /boot/initramfs-$arch.img
            }
            menuentry "Boot with proprietary drivers" --class=manjaro --hotkey=F2 {
                set gfxpayload=keep
                linux /boot/vmlinuz-$arch driver=nonfree nouveau.modeset=0 i915.modeset=1 radeon.modeset=0 tz=$timezone lang=$lang keytable=$keytable $kernel_args
                initrd /boot/intel_ucode.img /boot/amd_ucode.img /boot/initramfs-$arch.img
            }
            """;

    static FixtureIso manjaroIso() {
        return new FixtureIso("MANJARO_KDE_2410", "2024101512000000")
                .kernel("/boot/vmlinuz-x86_64", "6.10.13-3-MANJARO")
                .file("/boot/initramfs-x86_64.img", "initramfs")
                .file("/boot/intel_ucode.img", "ucode")
                .file("/boot/amd_ucode.img", "ucode")
                .file("/manjaro/x86_64/rootfs.sfs", "sq")
                .file("/manjaro/x86_64/desktopfs.sfs", "sq")
                .file("/boot/grub/grub.cfg", MANJARO_GRUB)
                .file("/boot/grub/kernels.cfg", MANJARO_KERNELS)
                .file(
                        "/boot/grub/variable.cfg",
                        "set arch=x86_64\nset kernel_args=\"misobasedir=manjaro misolabel=MANJARO_KDE_2410 quiet"
                                + " splash\"\n")
                .file("/boot/grub/defaults.cfg", "set lang=en_US\nset keytable=us\nset timezone=UTC\n");
    }

    @Test
    void manjaro() throws IOException {
        BootImage image = open(manjaroIso());
        String kernel = "/boot/vmlinuz-x86_64";
        List<String> initrds = List.of("/boot/intel_ucode.img", "/boot/amd_ucode.img", "/boot/initramfs-x86_64.img");
        String common = " tz=UTC lang=en_US keytable=us misobasedir=manjaro quiet splash";
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String find = medium == FILE
                    ? " img_dev=UUID=5d2c0f3e-1b7a-4c39-9f1e-0a6b8c7d2e11 img_loop=/isos/live.iso"
                    : " misodevice=/dev/pmem0";
            assertThat(plan(image, medium))
                    .isEqualTo(patchedOn(
                            medium,
                            new BootPlan(
                                    "miso",
                                    "MANJARO_KDE_2410",
                                    List.of(
                                            entry(
                                                    "Boot with open source drivers",
                                                    kernel,
                                                    initrds,
                                                    "driver=free nouveau.modeset=1 i915.modeset=1 radeon.modeset=1"
                                                            + common + find + M,
                                                    true),
                                            entry(
                                                    "Boot with proprietary drivers",
                                                    kernel,
                                                    initrds,
                                                    "driver=nonfree nouveau.modeset=0 i915.modeset=1 radeon.modeset=0"
                                                            + common + find + M,
                                                    false))),
                            "6.10.13-3-MANJARO",
                            InitramfsFamily.MKINITCPIO));
        }
    }

    // ---------------------------------------------------------------- NixOS

    static final String NIXOS_GRUB =
            """
            set with_fonts=false
            if [ "$with_fonts" = true ]; then
              insmod font
              loadfont (memdisk)/fonts/unicode.pf2
            fi

            if [ -n "$iso_path" ]; then
              set isoboot="findiso=${iso_path}"
            else
              set isoboot=""
            fi

            search --set=root --file /EFI/nixos-installer-image

            insmod gfxterm
            insmod png
            set gfxpayload=keep
            set default=0
            set timeout=10

            menuentry 'NixOS 24.05.5385.f6ebd4bf2d6c Installer ' --class installer {
              # Fallback to UEFI console for boot, efifb sometimes has difficulties.
              terminal_output console

              linux /boot/bzImage ${isoboot} init=/nix/store/9fd1kzsxsaf2dgpb5k3pxcrc7kq3r4ac-nixos-system-nixos-24.05/init root=LABEL=nixos-minimal-24.05-x86_64 boot.shell_on_fail loglevel=4
              initrd /boot/initrd
            }

            submenu "HiDPI, Quirks and Accessibility" --class hidpi {
              menuentry 'NixOS 24.05.5385.f6ebd4bf2d6c Installer (nomodeset)' --class installer {
                linux /boot/bzImage ${isoboot} init=/nix/store/9fd1kzsxsaf2dgpb5k3pxcrc7kq3r4ac-nixos-system-nixos-24.05/init root=LABEL=nixos-minimal-24.05-x86_64 boot.shell_on_fail loglevel=4 nomodeset
                initrd /boot/initrd
              }
            }

            menuentry 'Firmware Setup' --class settings {
              fwsetup
              clear
              echo ""
              echo "If you see this message, your EFI system doesn't support this feature."
              echo ""
            }
            """;

    static FixtureIso nixosIso() {
        return new FixtureIso("nixos-minimal-24.05-x86_64", "2024102000000000")
                .kernel("/boot/bzImage", "6.6.56")
                .file("/boot/initrd", "initrd")
                .file("/nix-store.squashfs", "sq")
                .file("/EFI/nixos-installer-image", "")
                .file("/EFI/BOOT/grub.cfg", NIXOS_GRUB)
                .file("/version.txt", "24.05.5385.f6ebd4bf2d6c");
    }

    @Test
    void nixos() throws IOException {
        BootImage image = open(nixosIso());
        String args = "init=/nix/store/9fd1kzsxsaf2dgpb5k3pxcrc7kq3r4ac-nixos-system-nixos-24.05/init"
                + " root=LABEL=nixos-minimal-24.05-x86_64 boot.shell_on_fail loglevel=4";
        List<String> initrd = List.of("/boot/initrd");
        for (BootMedium medium : List.of(PMEM, FILE)) {
            String find = medium == FILE ? " findiso=/isos/live.iso" : "";
            // The fixture's initrd is no archive, so nothing shows it carries the drivers: all four are reported.
            assertThat(plan(image, medium))
                    .isEqualTo(patchedOn(
                            medium,
                            new BootPlan(
                                    "nixos",
                                    "nixos-minimal-24.05-x86_64",
                                    List.of(
                                            entry(
                                                    "NixOS 24.05.5385.f6ebd4bf2d6c Installer ",
                                                    "/boot/bzImage",
                                                    initrd,
                                                    args + find + M,
                                                    true),
                                            entry(
                                                    "HiDPI, Quirks and Accessibility > NixOS 24.05.5385.f6ebd4bf2d6c"
                                                            + " Installer (nomodeset)",
                                                    "/boot/bzImage",
                                                    initrd,
                                                    args + " nomodeset" + find + M,
                                                    false))),
                            "6.6.56",
                            InitramfsFamily.NIXOS));
        }
    }

    // ---------------------------------------------------------------- generic fallback

    @Test
    void genericBootsTheConfigAsWrittenWithTheRunningMemmap() throws IOException {
        BootImage image = open(new FixtureIso("MYDISTRO_1_0", "2024010100000000")
                .kernel("/kernel/bzImage", "6.1.0")
                .file("/kernel/initrd.gz", "initrd")
                .file(
                        "/syslinux/syslinux.cfg",
                        "DEFAULT vesamenu.c32\nLABEL live\n  MENU LABEL My distro\n  MENU DEFAULT\n"
                                + "  KERNEL /kernel/bzImage\n  APPEND initrd=/kernel/initrd.gz root=/dev/ram0"
                                + " memmap=2G!8G quiet -- single\n"));
        for (BootMedium medium : List.of(PMEM, FILE)) {
            assertThat(plan(image, medium))
                    .isEqualTo(new BootPlan(
                            "generic",
                            "MYDISTRO_1_0",
                            List.of(entry(
                                    "My distro",
                                    "/kernel/bzImage",
                                    List.of("/kernel/initrd.gz"),
                                    "root=/dev/ram0 quiet" + M + " -- single",
                                    true))));
        }
    }
}
