package dev.webboot.plan.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.testing.DistroSources;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where dracut-ng 111 looks for the pmem hook webboot appends: its own {@code list_hooks} (from {@code
 * modules.d/80base/dracut-lib.sh} of the unmodified tarball) is run by busybox sh inside the initrd as the kernel
 * would leave it unpacked (the initrd and the appended archive extracted by GNU cpio, then {@code unshare --root}).
 * dracut-ng ≥ 110 reads only {@code /var/lib}, {@code /etc} and {@code /usr/lib/dracut/hooks}; an initrd whose
 * {@code lib} is a real folder never ran a hook written under {@code lib/dracut/hooks} alone.
 */
class DracutHookDirectoriesTest {
    private static final String HOOK = "30-webboot-pmem.sh";

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    /** An initrd as dracut-ng lays one out: its hook folders under var/lib, lib merged into usr/lib or not. */
    private Path dracutNgInitrd(boolean mergedUsr) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("initrd-tree"));
        for (String d : List.of("usr/lib/dracut", "usr/bin", "var/lib/dracut/hooks/pre-udev", "etc")) {
            Files.createDirectories(tree.resolve(d));
        }
        if (mergedUsr) {
            Files.createSymbolicLink(tree.resolve("lib"), Path.of("usr/lib"));
            Files.createSymbolicLink(tree.resolve("bin"), Path.of("usr/bin"));
        } else {
            Files.createDirectories(tree.resolve("lib/modules"));
            Files.createDirectories(tree.resolve("bin"));
        }
        Files.writeString(tree.resolve("init"), "#!/bin/sh\n");
        Path initrd = dir.resolve("initrd.img");
        ExternalTools.run(
                tree,
                "sh",
                "-c",
                "find . | LC_ALL=C sort | " + ExternalTools.require("cpio", "cpio") + " --quiet -o -H newc | gzip -n > "
                        + initrd);
        return initrd;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dracutNgListsTheHookOnceWhetherLibIsMergedOrNot(boolean mergedUsr) throws IOException {
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        ExternalTools.require("unshare", "util-linux");
        String listHooks = DistroSources.shellFunction(
                DistroSources.unpack("dracut-ng-111", dir).resolve("modules.d/80base/dracut-lib.sh"), "list_hooks");
        Path initrd = dracutNgInitrd(mergedUsr);
        Path iso = LiveIsoFixture.iso(dir, LiveIsoFixture.NVDIMM, "none", true, initrd);
        BootEntry entry = BootEntry.of("Live", "/live/vmlinuz", List.of("/live/initrd.img"), "rd.live.image", true)
                .withPatch(Optional.of(
                        new DriverPatch(DriverPatch.PMEM_MODULES, LiveIsoFixture.release(), InitramfsFamily.DRACUT)));
        Path out = dir.resolve("out.img");
        long originalSize = Files.size(initrd);
        try (Iso9660FileSystem fs = Iso9660FileSystem.open(iso);
                FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            DriverInjector.forImage(fs.getPath("/")).write(entry, channel);
        }
        // Unpacked as the kernel does: the initrd, then the archive after the 4-byte padding, over it.
        Path root = Files.createDirectories(dir.resolve("unpacked"));
        ExternalTools.run(root, "sh", "-c", "gzip -dc < " + initrd + " | cpio -idm --quiet --no-absolute-filenames");
        long start = (originalSize + 3) & ~3L;
        ExternalTools.run(
                root,
                "sh",
                "-c",
                "tail -c +" + (start + 1) + " " + out + " | cpio -idm --quiet --no-absolute-filenames");
        assertThat(Files.isSymbolicLink(root.resolve("lib"))).isEqualTo(mergedUsr);

        Path tools = Files.createDirectories(root.resolve("webboot-test"));
        Files.copy(busybox, tools.resolve("busybox"));
        Files.writeString(tools.resolve("list_hooks.sh"), listHooks);
        List<String> command = new ArrayList<>(List.of("unshare"));
        if (!"root".equals(System.getProperty("user.name"))) {
            command.add("--map-root-user");
        }
        command.addAll(List.of(
                "--mount",
                "--fork",
                "--root=" + root,
                "/webboot-test/busybox",
                "sh",
                "-c",
                // As source_hook uses it: its output, whatever the last test in it returned.
                ". /webboot-test/list_hooks.sh; hooks=$(list_hooks pre-udev); printf '%s\\n' $hooks"));
        List<String> listed = ExternalTools.run(dir, command.toArray(String[]::new))
                .stdoutText()
                .lines()
                .toList();
        assertThat(listed)
                .as("dracut-ng's list_hooks pre-udev")
                .containsExactly("/var/lib/dracut/hooks/pre-udev/" + HOOK);
        assertThat(root.resolve("var/lib/dracut/hooks/pre-udev/" + HOOK))
                .isExecutable()
                .content()
                .startsWith("#!/bin/sh\n")
                .contains("for _wb in libnvdimm nd_btt nd_e820 nd_pmem; do");
        // dracut up to 109 (Debian's 059) sources lib/dracut/hooks: the same hook is there too.
        assertThat(root.resolve("lib/dracut/hooks/pre-udev/" + HOOK))
                .hasSameTextualContentAs(root.resolve("var/lib/dracut/hooks/pre-udev/" + HOOK));
    }
}
