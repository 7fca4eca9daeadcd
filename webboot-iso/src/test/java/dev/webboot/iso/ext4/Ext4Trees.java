package dev.webboot.iso.ext4;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** Source trees for {@code mke2fs -d}, holding every kind of entry the reader must get right. */
final class Ext4Trees {
    private Ext4Trees() {}

    /**
     * Files of sizes around the 60-byte inline limit and block boundaries, random contents, a sparse file, short and
     * long symlinks, a hard link, a directory of 300 entries (several blocks; hashed after {@code e2fsck -D}), odd
     * names, special permission bits, owners above 65535, a fifo and devices.
     */
    static Path rich(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 59, 60, 61, 1000, 4095, 4096, 4097, 70_000, (1 << 20) + 3}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Files.write(dir.resolve("file-" + size), content);
        }
        Path sparse = dir.resolve("sparse");
        try (FileChannel channel = FileChannel.open(sparse, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("head".repeat(3000).getBytes()), 0);
            channel.write(ByteBuffer.wrap("middle".getBytes()), 5L << 20);
            channel.truncate(9L << 20);
            channel.write(ByteBuffer.wrap("tail".getBytes()), (9L << 20) - 4);
        }
        Path deep = dir.resolve("a/b/c/d/e");
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("deep.txt"), "deep\n");
        Files.createSymbolicLink(dir.resolve("short-link"), Path.of("file-1"));
        Files.createSymbolicLink(dir.resolve("long-link"), Path.of("a/b/c/d/e/" + "x".repeat(90) + "/../deep.txt"));
        Files.createSymbolicLink(dir.resolve("dangling"), Path.of("/nowhere/at/all"));
        Files.createLink(dir.resolve("hard-link"), dir.resolve("file-1000"));
        Path many = dir.resolve("many");
        Files.createDirectories(many);
        for (int i = 0; i < 300; i++) {
            Files.writeString(many.resolve("entry-number-" + i), Integer.toString(i));
        }
        Files.writeString(dir.resolve("with space"), "space\n");
        Files.writeString(dir.resolve("ünïcødé ☃"), "snow\n");
        Files.writeString(dir.resolve("n".repeat(255)), "long name\n");
        Path modes = dir.resolve("modes");
        Files.createDirectories(modes);
        Files.writeString(modes.resolve("setuid"), "s");
        Files.setPosixFilePermissions(modes.resolve("setuid"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sticky = modes.resolve("sticky");
        Files.createDirectories(sticky);
        Files.writeString(modes.resolve("private"), "p");
        Files.writeString(modes.resolve("owned"), "o");
        Files.writeString(modes.resolve("big-ids"), "b");
        Files.setLastModifiedTime(modes.resolve("owned"), FileTime.fromMillis(978_307_200_000L));
        String chmod = ExternalTools.require("chmod", "coreutils").toString();
        String chown = ExternalTools.require("chown", "coreutils").toString();
        String mknod = ExternalTools.require("mknod", "coreutils").toString();
        ExternalTools.run(modes, chmod, "4755", "setuid");
        ExternalTools.run(modes, chmod, "1777", "sticky");
        ExternalTools.run(modes, chmod, "0600", "private");
        ExternalTools.run(modes, chmod, "0751", "owned");
        ExternalTools.run(modes, chown, "1234:5678", "owned");
        ExternalTools.run(modes, chown, "70000:70001", "big-ids");
        Path special = dir.resolve("special");
        Files.createDirectories(special);
        ExternalTools.run(special, ExternalTools.require("mkfifo", "coreutils").toString(), "fifo");
        ExternalTools.run(special, mknod, "tty", "c", "4", "64");
        ExternalTools.run(special, mknod, "disk", "b", "259", "70000");
        return dir;
    }
}
