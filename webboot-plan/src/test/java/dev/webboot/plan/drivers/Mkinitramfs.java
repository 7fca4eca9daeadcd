package dev.webboot.plan.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A real initramfs-tools initrd made by Debian's {@code mkinitramfs} on this machine for Debian's kernel release,
 * with no kernel modules (this machine has no {@code /lib/modules/RELEASE}: exactly the live-build situation, an
 * initrd without nvdimm drivers) and the distribution's layout ({@code lib -> usr/lib}, {@code conf/conf.d/}).
 * mkinitramfs wants {@code /boot/config-RELEASE}; it gets one in a private mount namespace, so the machine's
 * {@code /boot} is never touched.
 */
public final class Mkinitramfs {
    private Mkinitramfs() {}

    /**
     * Builds {@code dir/initrd.img} (zstd, as Debian 12 does), adding {@code premount} as
     * {@code scripts/init-premount/webboot-check} when it is not empty: it runs after the conf.d files, init-top and
     * udev, right before the root file system is mounted.
     */
    public static Path build(Path dir, String release, String premount) throws IOException {
        ExternalTools.require("mkinitramfs", "initramfs-tools-core");
        ExternalTools.require("unshare", "util-linux");
        Path boot = Files.createDirectories(dir.resolve("mkinitramfs-boot"));
        Files.writeString(boot.resolve("config-" + release), "CONFIG_RD_GZIP=y\nCONFIG_RD_ZSTD=y\nCONFIG_RD_XZ=y\n");
        Path conf = Files.createDirectories(dir.resolve("mkinitramfs-conf"));
        Path etc = Path.of("/etc/initramfs-tools");
        try (Stream<Path> files = Files.walk(etc)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = conf.resolve(etc.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target);
                }
            }
        }
        if (!premount.isEmpty()) {
            Path script = Files.createDirectories(conf.resolve("scripts/init-premount"))
                    .resolve("webboot-check");
            Files.writeString(script, "#!/bin/sh\ncase $1 in prereqs) exit 0;; esac\n" + premount);
            script.toFile().setExecutable(true, false);
        }
        Path work = Files.createDirectories(dir.resolve("mkinitramfs-tmp"));
        Path initrd = dir.resolve("initrd.img");
        ExternalTools.run(
                dir,
                "unshare",
                "--mount",
                "sh",
                "-c",
                "mount --bind '" + boot + "' /boot && TMPDIR='" + work + "' mkinitramfs -d '" + conf + "' -c zstd -o '"
                        + initrd + "' " + release);
        assertThat(initrd).isNotEmptyFile();
        return initrd;
    }
}
