package dev.webboot.iso.squashfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.internal.fs.NodeType;
import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderNotFoundException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java.nio file system over a squashfs image, compared with what unsquashfs extracts and reports. */
class SquashfsFileSystemTest {
    @TempDir
    Path work;

    @Test
    void filesWalkAndAttributesMatchUnsquashfs() throws IOException {
        Path tree = SquashfsTrees.richTree(work.resolve("tree"));
        Path image = SquashfsPeer.mksquashfs(tree, work.resolve("fs.sqfs"), SquashfsTrees.PSEUDO);
        Map<String, SquashfsPeer.Entry> expected = SquashfsPeer.extracted(image, work.resolve("x"));

        Map<String, SquashfsPeer.Entry> actual = new TreeMap<>();
        try (FileSystem fs = FileSystems.newFileSystem(image)) {
            assertThat(fs).isInstanceOf(SquashfsFileSystem.class);
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (p.toString().equals("/")) {
                        continue;
                    }
                    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                    int mode = (Integer) a.get("mode");
                    NodeType type = NodeType.fromMode(mode).orElseThrow();
                    long rdev = ((Number) a.get("rdev")).longValue();
                    Map<String, String> xattrs = new TreeMap<>();
                    Files.readAttributes(p, "xattr:*", LinkOption.NOFOLLOW_LINKS)
                            .forEach((k, v) -> xattrs.put(k, HexFormat.of().formatHex((byte[]) v)));
                    actual.put(
                            p.toString(),
                            new SquashfsPeer.Entry(
                                    type,
                                    mode & 07777,
                                    (Integer) a.get("uid"),
                                    (Integer) a.get("gid"),
                                    type == NodeType.FILE ? Files.size(p) : 0,
                                    type == NodeType.SYMLINK
                                            ? Files.readSymbolicLink(p).toString()
                                            : "",
                                    type == NodeType.FILE ? sha256(p) : "",
                                    Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                                                    .toMillis()
                                            / 1000,
                                    rdev,
                                    xattrs));
                }
            }
        }
        // rdev is ImageNode.deviceNumber(): major << 32 | minor, as the peer description holds it.
        assertThat(actual).isEqualTo(expected);
    }

    private static String sha256(Path p) throws IOException {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(p));
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void infoMatchesUnsquashfsStat() throws IOException {
        Path tree = SquashfsTrees.richTree(work.resolve("tree"));
        Path image = SquashfsPeer.mksquashfs(
                tree, work.resolve("info.sqfs"), "-comp", "xz", "-b", "64K", "-always-use-fragments");
        String stat = ExternalTools.run(
                        work,
                        ExternalTools.require("unsquashfs", "squashfs-tools").toString(),
                        "-s",
                        image.toString())
                .stdoutText();
        try (SquashfsFileSystem fs = SquashfsFileSystem.open(image)) {
            SquashfsInfo info = fs.info();
            assertThat(info.compression()).isEqualTo(field(stat, "Compression (\\S+)"));
            assertThat(Integer.toString(info.blockSize())).isEqualTo(field(stat, "Block size (\\d+)"));
            assertThat(Long.toString(info.inodes())).isEqualTo(field(stat, "Number of inodes (\\d+)"));
            assertThat(Long.toString(info.fragments())).isEqualTo(field(stat, "Number of fragments (\\d+)"));
            assertThat(Integer.toString(info.ids())).isEqualTo(field(stat, "Number of ids (\\d+)"));
            assertThat(Long.toString(info.bytesUsed())).isEqualTo(field(stat, "Filesystem size (\\d+) bytes"));
            assertThat(info.flags() & 0x20).as("always-use-fragments flag").isEqualTo(0x20);
            assertThat(info).isEqualTo(SquashfsInfo.read(fs.source()));
        }
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    @Test
    void declinesFilesThatAreNotSquashfs() throws IOException {
        Path notSquashfs = Files.write(work.resolve("plain.bin"), new byte[4096]);
        assertThatThrownBy(() -> FileSystems.newFileSystem(notSquashfs)).isInstanceOf(ProviderNotFoundException.class);
        assertThatThrownBy(() -> new SquashfsFileSystemProvider().newFileSystem(notSquashfs, Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
