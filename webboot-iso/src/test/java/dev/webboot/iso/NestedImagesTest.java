package dev.webboot.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed {@code open(Path)} factories take a path inside another image, as a library user chains them: an initrd
 * (GNU cpio) inside a squashfs (mksquashfs) inside an ISO (xorriso), each read in place, with the bytes the tools put
 * there.
 */
class NestedImagesTest {
    @Test
    void anInitrdInsideASquashfsInsideAnIso(@TempDir Path dir) throws IOException {
        Path cpioTree = Files.createDirectories(dir.resolve("initrd/etc"));
        Files.writeString(cpioTree.resolve("motd"), "from inside three images\n");
        Path initrd = dir.resolve("squash/boot/initrd.img");
        Files.createDirectories(initrd.getParent());
        ExternalTools.require("cpio", "cpio");
        ExternalTools.run(
                dir.resolve("initrd"), "sh", "-c", "find . | LC_ALL=C sort | cpio --quiet -o -H newc > " + initrd);
        Path squashfs = dir.resolve("iso/live/filesystem.squashfs");
        Files.createDirectories(squashfs.getParent());
        ExternalTools.run(
                dir,
                ExternalTools.require("mksquashfs", "squashfs-tools").toString(),
                dir.resolve("squash").toString(),
                squashfs.toString(),
                "-quiet",
                "-noappend");
        Path iso = dir.resolve("nested.iso");
        IsoBuilder.of(dir.resolve("iso")).label("NESTED").build(iso);

        try (Iso9660FileSystem outer = Iso9660FileSystem.open(iso);
                SquashfsFileSystem middle = SquashfsFileSystem.open(outer.getPath("/live/filesystem.squashfs"));
                Initramfs inner = Initramfs.open(middle.getPath("/boot/initrd.img"))) {
            assertThat(outer.volume().label()).isEqualTo("NESTED");
            assertThat(Files.size(middle.getPath("/boot/initrd.img"))).isEqualTo(Files.size(initrd));
            assertThat(new String(inner.read("etc/motd"), StandardCharsets.UTF_8))
                    .isEqualTo("from inside three images\n");
        }
    }

    @Test
    void errorsInsideAnImageNameItTheWayTheCommandLineDoes(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectories(dir.resolve("iso"));
        Files.writeString(tree.resolve("not-a-squashfs"), "hello, this is text");
        Path iso = dir.resolve("text.iso");
        IsoBuilder.of(tree).build(iso);
        try (Iso9660FileSystem outer = Iso9660FileSystem.open(iso)) {
            assertThatThrownBy(() -> SquashfsFileSystem.open(outer.getPath("/not-a-squashfs")))
                    .isInstanceOf(MalformedImageException.class)
                    .hasMessageContaining(iso + "!/not-a-squashfs");
        }
    }
}
