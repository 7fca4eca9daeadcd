package dev.webboot.plan.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootImage;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.plan.BootPlanner;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NixOS entries on pmem: the drivers its initrd (made by GNU cpio, with NixOS's store layout of kernel modules) lacks
 * are reported as a {@link InitramfsFamily#NIXOS} patch whose modules are never found, so {@code plan} says so before
 * a download and {@code boot} refuses before kexec; an initrd that carries all four needs no patch.
 */
class NixosDriversTest {
    private static final String VERSION = "6.6.56";

    @TempDir
    Path dir;

    /** A NixOS-like image whose initrd holds {@code modules} as NixOS's modules closure stores them. */
    private Path image(List<String> modules) throws IOException {
        Path root = Files.createDirectories(dir.resolve("iso"));
        Files.createDirectories(root.resolve("boot"));
        Files.createDirectories(root.resolve("EFI/BOOT"));
        Files.write(root.resolve("boot/bzImage"), dev.webboot.plan.ImageTrees.kernel(VERSION));
        Files.writeString(root.resolve("nix-store.squashfs"), "sq");
        Files.writeString(
                root.resolve("EFI/BOOT/grub.cfg"),
                "menuentry 'NixOS Installer' {\n  linux /boot/bzImage init=/nix/store/x-nixos-system/init"
                        + " root=LABEL=nixos-minimal loglevel=4\n  initrd /boot/initrd\n}\n");
        Path tree = Files.createDirectories(dir.resolve("initrd-tree"));
        Path nvdimm = Files.createDirectories(tree.resolve("nix/store/0123456789abcdfghijklmnpqrsvwxyz-linux-" + VERSION
                + "-modules-shrunk/lib/modules/" + VERSION + "/kernel/drivers/nvdimm"));
        for (String module : modules) {
            Files.writeString(nvdimm.resolve(module.replace('_', '-') + ".ko.xz"), "module");
        }
        Files.writeString(tree.resolve("init"), "#!/bin/sh\n");
        ExternalTools.run(
                tree,
                "sh",
                "-c",
                "find . | LC_ALL=C sort | " + ExternalTools.require("cpio", "cpio") + " --quiet -o -H newc | zstd -q > "
                        + root.resolve("boot/initrd"));
        return root;
    }

    private BootEntry plannedEntry(Path root) throws IOException {
        return BootPlanner.standard()
                .withRunningCommandLine(() -> "memmap=1G!4G")
                .plan(new BootImage(root, "nixos-minimal", "2024-10-20-00-00-00-00"), BootMedium.pmem())
                .entries()
                .get(0);
    }

    @Test
    void anInitrdWithoutTheDriversIsReportedAndRefusedWithOneSentence() throws IOException {
        Path root = image(List.of("libnvdimm", "nd_e820"));
        BootEntry entry = plannedEntry(root);
        assertThat(entry.patch())
                .contains(new DriverPatch(List.of("nd_btt", "nd_pmem"), VERSION, InitramfsFamily.NIXOS));
        DriverInjector injector = DriverInjector.forImage(root);
        assertThat(injector.modulesFound(entry)).isFalse();
        Path out = dir.resolve("never");
        assertThatThrownBy(() -> {
                    try (FileChannel channel =
                            FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        injector.write(entry, channel);
                    }
                })
                .isInstanceOf(MissingDriversException.class)
                .hasMessage(root + ": the pmem drivers nd_btt, nd_pmem of kernel " + VERSION
                        + " are not in NixOS's initrd, and NixOS's stage 1 has no early hook webboot could add them"
                        + " with, so it cannot boot from pmem; boot it as a file instead (--medium file with --cache"
                        + " on a disk)");
        assertThat(out).isEmptyFile();
        // As a file, NixOS finds the ISO by itself (findiso=): nothing is needed.
        assertThat(BootPlanner.standard()
                        .withRunningCommandLine(() -> "")
                        .plan(new BootImage(root, "nixos-minimal", "U"), new BootMedium.IsoFile("/n.iso", "AB"))
                        .entries()
                        .get(0)
                        .patch())
                .isEmpty();
    }

    @Test
    void anInitrdCarryingAllFourNeedsNoPatch() throws IOException {
        Path root = image(DriverPatch.PMEM_MODULES);
        BootEntry entry = plannedEntry(root);
        assertThat(entry.patch()).isEqualTo(Optional.empty());
        assertThat(DriverInjector.forImage(root).modulesFound(entry)).isTrue();
    }
}
