package dev.webboot.boot;

import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A small live ISO made by xorriso: Debian's real kernel (so kexec's header checks run on a real bzImage), an initrd
 * made by GNU cpio, a GRUB menu with two entries, and a marker file.
 */
public final class TestIso {
    public static final String KERNEL = "/boot/vmlinuz";
    public static final String INITRD = "/boot/initrd.gz";
    public static final String FIRST_CMDLINE = "quiet panic=-1 webboot.marker=first";
    public static final String SECOND_CMDLINE = "panic=-1 webboot.marker=second";

    public final Path iso;
    public final Path initrd;
    public final Path kernel;
    public final String marker;

    private TestIso(Path iso, Path initrd, Path kernel, String marker) {
        this.iso = iso;
        this.initrd = initrd;
        this.kernel = kernel;
        this.marker = marker;
    }

    /** An ISO whose initrd holds only an {@code /init} that echoes the marker. */
    public static TestIso build(Path dir, String name, String marker) throws IOException {
        Path initrdTree = Files.createDirectories(dir.resolve(name + "-initrd"));
        Files.writeString(initrdTree.resolve("init"), "#!/bin/sh\necho " + marker + "\n");
        return build(dir, name, marker, initrdTree, FIRST_CMDLINE);
    }

    /**
     * An ISO whose initrd is {@code initrdTree} (packed by GNU cpio, gzip) and whose first menu entry boots with
     * {@code firstCmdline}; {@code /marker.txt} holds the marker.
     */
    public static TestIso build(Path dir, String name, String marker, Path initrdTree, String firstCmdline)
            throws IOException {
        ExternalTools.require("cpio", "cpio");
        Path tree = Files.createDirectories(dir.resolve(name + "-tree"));
        Files.createDirectories(tree.resolve("boot/grub"));
        Path kernel = tree.resolve("boot/vmlinuz");
        Files.copy(DebianKernel.get().vmlinuz(), kernel);
        Path initrd = tree.resolve("boot/initrd.gz");
        ExternalTools.run(initrdTree, "sh", "-c", "find . | cpio -o -H newc --quiet | gzip -1 > " + initrd);
        Files.writeString(
                tree.resolve("boot/grub/grub.cfg"),
                """
                set default=0
                menuentry "Marker live" {
                    linux %s %s
                    initrd %s
                }
                menuentry "Marker live (second)" {
                    linux %s %s
                    initrd %s
                }
                """
                        .formatted(KERNEL, firstCmdline, INITRD, KERNEL, SECOND_CMDLINE, INITRD),
                StandardCharsets.UTF_8);
        Files.writeString(tree.resolve("marker.txt"), marker + "\n");
        Path iso = dir.resolve(name);
        IsoBuilder.of(tree).joliet().label("WEBBOOT_TEST").build(iso);
        return new TestIso(iso, initrd, kernel, marker);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public String sha256() throws IOException {
        return sha256(Files.readAllBytes(iso));
    }
}
