package dev.webboot.iso.initramfs;

import static dev.webboot.iso.initramfs.Fixtures.q;
import static dev.webboot.testing.ExternalTools.require;
import static dev.webboot.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real initrd made by Debian's own {@code mkinitramfs} (initramfs-tools) on this machine, read by webboot and
 * extracted by Debian's {@code unmkinitramfs}: the same tree.
 *
 * <p>mkinitramfs insists on {@code /boot/config-VERSION} saying the kernel can decompress the chosen format; the test
 * gives it one in a private mount namespace ({@code unshare --mount} and a bind mount over {@code /boot}), so the
 * machine's own {@code /boot} is never touched. No modules tree is needed: mkinitramfs warns and builds the rest
 * (busybox or klibc utilities, scripts, udev rules, libraries).
 */
class MkinitramfsTest {
    private static final String VERSION = "6.1.0-webboot-test";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"ZSTD", "XZ"})
    void mkinitramfsOutputEqualsUnmkinitramfs(Compression compression) throws IOException {
        require("mkinitramfs", "initramfs-tools-core");
        require("unmkinitramfs", "initramfs-tools-core");
        require("unshare", "util-linux");
        Path boot = Files.createDirectories(tmp.resolve("boot"));
        Files.writeString(
                boot.resolve("config-" + VERSION),
                "CONFIG_RD_GZIP=y\nCONFIG_RD_ZSTD=y\nCONFIG_RD_XZ=y\nCONFIG_RD_LZ4=y\n");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path initrd = tmp.resolve("initrd.img");
        String tool = compression == Compression.LZ4 ? "lz4" : Fixtures.tool(compression);
        run(
                tmp,
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount --bind " + q(boot) + " /boot && TMPDIR=" + q(work) + " mkinitramfs -c " + tool + " -o "
                        + q(initrd) + " " + VERSION);

        Path extracted = tmp.resolve("extracted");
        run(tmp, "unmkinitramfs", initrd.toString(), extracted.toString());

        try (Initramfs initramfs = Initramfs.open(initrd)) {
            assertThat(initramfs.segments()).isNotEmpty();
            assertThat(initramfs.segments().get(initramfs.segments().size() - 1).compression())
                    .isEqualTo(compression);
            assertThat(initramfs.members()).hasSizeGreaterThan(50);
            assertThat(initramfs.find("/init").orElseThrow().type()).isEqualTo(MemberType.FILE);
            // unmkinitramfs puts each early archive in early/, early2/ ... and the main one in main/ when there are
            // several, or everything straight into the directory when there is one.
            Path main = initramfs.segments().size() > 1 ? extracted.resolve("main") : extracted;
            TreeSnapshot expected = TreeSnapshot.ofDirectory(main);
            TreeSnapshot actual = TreeSnapshot.ofInitramfs(initramfs);
            if (initramfs.segments().size() > 1) {
                // Compare the main archive's members only; early ones were extracted elsewhere.
                actual = new TreeSnapshot(new java.util.TreeMap<>(actual.entries()));
                actual.entries().keySet().retainAll(expected.entries().keySet());
            }
            assertThat(actual.diff(expected)).isEmpty();
        }
    }
}
