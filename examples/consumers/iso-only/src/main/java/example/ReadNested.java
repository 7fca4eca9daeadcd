package example;

import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import java.nio.file.Path;

/** Prints a file of an initrd that lies in a squashfs that lies in an ISO: ISO SQUASHFS-PATH INITRD-PATH MEMBER. */
public final class ReadNested {
    public static void main(String[] args) throws Exception {
        try (var iso = Iso9660FileSystem.open(Path.of(args[0]));
                var squashfs = SquashfsFileSystem.open(iso.getPath(args[1]));
                var initrd = Initramfs.open(squashfs.getPath(args[2]))) {
            System.out.write(initrd.read(args[3]));
            System.out.flush();
        }
    }
}
