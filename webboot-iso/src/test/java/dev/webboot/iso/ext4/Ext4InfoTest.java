package dev.webboot.iso.ext4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageFormats;
import dev.webboot.iso.ImageSource;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The superblock facts as {@code dumpe2fs -h} prints them, and the provider found by magic number. */
class Ext4InfoTest {
    @TempDir
    Path work;

    private Path image(List<String> options) throws IOException {
        Path tree = work.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("hello"), "hello\n");
        return Ext4Peer.mkfs("mkfs.ext4", tree, work.resolve("info-" + options.size() + ".img"), "16M", options);
    }

    private Map<String, String> dumpe2fs(Path image) {
        String out = ExternalTools.run(
                        work, ExternalTools.require("dumpe2fs", "e2fsprogs").toString(), "-h", image.toString())
                .stdoutText();
        Map<String, String> fields = new HashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    @Test
    void infoMatchesDumpe2fs() throws IOException {
        Path image = image(List.of("-L", "webboot-test", "-b", "2048", "-I", "512"));
        Map<String, String> expected = dumpe2fs(image);
        try (Ext4FileSystem fs = Ext4FileSystem.open(image)) {
            Ext4Info info = fs.info();
            assertThat(info.volumeName()).isEqualTo(expected.get("Filesystem volume name"));
            assertThat(info.uuid()).isEqualTo(expected.get("Filesystem UUID"));
            assertThat(info.blockSize()).isEqualTo(Integer.parseInt(expected.get("Block size")));
            assertThat(info.blocks()).isEqualTo(Long.parseLong(expected.get("Block count")));
            assertThat(info.inodes()).isEqualTo(Long.parseLong(expected.get("Inode count")));
            assertThat(info.inodeSize()).isEqualTo(Integer.parseInt(expected.get("Inode size")));
            assertThat(info.hasExtents())
                    .isEqualTo(expected.get("Filesystem features").contains("extent"));
            assertThat(info.volumeName()).isEqualTo("webboot-test");
        }
    }

    @Test
    void providersFindExt4ByItsMagic() throws IOException {
        Path image = image(List.of());
        try (FileSystem fs = FileSystems.newFileSystem(image)) {
            assertThat(fs).isInstanceOf(Ext4FileSystem.class);
            assertThat(fs.provider().getScheme()).isEqualTo("ext4");
            assertThat(Files.readString(fs.getPath("/hello"))).isEqualTo("hello\n");
        }
        try (ImageFileSystem fs = ImageFormats.open(ImageSource.open(image))) {
            assertThat(fs).isInstanceOf(Ext4FileSystem.class);
        }
        Path notExt4 = work.resolve("zeros.img");
        Files.write(notExt4, new byte[4096]);
        assertThatThrownBy(() -> FileSystems.newFileSystem(notExt4)).isInstanceOf(ProviderNotFoundException.class);
    }
}
