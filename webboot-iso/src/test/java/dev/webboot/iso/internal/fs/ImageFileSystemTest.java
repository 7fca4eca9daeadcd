package dev.webboot.iso.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ImageFileSystemTest {

    private static ImageFileSystem sample() {
        MemoryTree tree = new MemoryTree();
        var root = tree.rootNode();
        var boot = tree.dir(root, "boot");
        tree.file(boot, "vmlinuz", "kernel");
        tree.link(boot, "current", "vmlinuz");
        tree.link(root, "latest", "/boot/current");
        tree.link(root, "up", "boot/../boot/./vmlinuz");
        tree.link(root, "loop1", "loop2");
        tree.link(root, "loop2", "loop1");
        var etc = tree.dir(root, "etc");
        tree.file(etc, "hostname", "webboot\n");
        return tree.fileSystem();
    }

    @Test
    void walksListsAndReads() throws IOException {
        try (ImageFileSystem fs = sample()) {
            List<String> all;
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                all = walk.map(Path::toString).toList();
            }
            assertThat(all)
                    .containsExactly(
                            "/",
                            "/boot",
                            "/boot/vmlinuz",
                            "/boot/current",
                            "/latest",
                            "/up",
                            "/loop1",
                            "/loop2",
                            "/etc",
                            "/etc/hostname");
            assertThat(Files.readString(fs.getPath("/etc/hostname"))).isEqualTo("webboot\n");
            assertThat(Files.size(fs.getPath("/boot/vmlinuz"))).isEqualTo(6);
        }
    }

    @Test
    void followsSymlinksLikeLinux() throws IOException {
        try (ImageFileSystem fs = sample()) {
            assertThat(Files.readString(fs.getPath("/latest"))).isEqualTo("kernel");
            assertThat(Files.readString(fs.getPath("/up"))).isEqualTo("kernel");
            assertThat(Files.readSymbolicLink(fs.getPath("/latest")).toString()).isEqualTo("/boot/current");
            assertThat(Files.isSymbolicLink(fs.getPath("/latest"))).isTrue();
            assertThat(Files.isRegularFile(fs.getPath("/latest"))).isTrue();
            assertThat(Files.isRegularFile(fs.getPath("/latest"), LinkOption.NOFOLLOW_LINKS))
                    .isFalse();
            assertThat(fs.getPath("/latest").toRealPath().toString()).isEqualTo("/boot/vmlinuz");
            assertThat(Files.isSameFile(fs.getPath("/latest"), fs.getPath("/boot/vmlinuz")))
                    .isTrue();
            assertThatThrownBy(() -> Files.readString(fs.getPath("/loop1")))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("too many levels of symbolic links");
        }
    }

    @Test
    void reportsMissingAndWrongTypes() throws IOException {
        try (ImageFileSystem fs = sample()) {
            assertThat(Files.exists(fs.getPath("/nope"))).isFalse();
            assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/boot/nope")))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("/boot/nope");
            assertThatThrownBy(() -> Files.list(fs.getPath("/etc/hostname")).close())
                    .isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/etc/hostname/x")))
                    .isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> Files.readAllBytes(fs.getPath("/boot")))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("is a directory");
        }
    }

    @Test
    void refusesEveryWrite() throws IOException {
        try (ImageFileSystem fs = sample()) {
            Path file = fs.getPath("/etc/hostname");
            assertThat(fs.isReadOnly()).isTrue();
            assertThatThrownBy(() -> Files.newByteChannel(file, StandardOpenOption.WRITE))
                    .isInstanceOf(ReadOnlyFileSystemException.class);
            assertThatThrownBy(() -> Files.delete(file)).isInstanceOf(ReadOnlyFileSystemException.class);
            assertThatThrownBy(() -> Files.createDirectory(fs.getPath("/new")))
                    .isInstanceOf(ReadOnlyFileSystemException.class);
        }
    }

    @Test
    void exposesPosixUnixAndUserAttributes() throws IOException {
        try (ImageFileSystem fs = sample()) {
            Path file = fs.getPath("/etc/hostname");
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
            assertThat(PosixFilePermissions.toString(posix.permissions())).isEqualTo("rw-r--r--");
            assertThat(posix.owner().getName()).isEqualTo("1000");
            Map<String, Object> unix = Files.readAttributes(file, "unix:mode,uid,gid,ino");
            assertThat(unix)
                    .containsEntry("mode", 0100644)
                    .containsEntry("uid", 1000)
                    .containsEntry("gid", 100);
            assertThat(unix.get("ino")).isInstanceOf(Long.class);
            UserDefinedFileAttributeView user = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
            assertThat(user.list()).containsExactly("note");
            ByteBuffer value = ByteBuffer.allocate(user.size("note"));
            user.read("note", value);
            assertThat(new String(value.array(), StandardCharsets.UTF_8)).isEqualTo("webboot\n");
            assertThat(Files.readAttributes(file, "xattr:*")).containsOnlyKeys("user.note");
        }
    }

    @Test
    void detectsDirectoryLoops() throws IOException {
        MemoryTree tree = new MemoryTree();
        var a = tree.dir(tree.rootNode(), "a");
        var b = tree.dir(a, "b");
        tree.alias(b, "back", a);
        try (ImageFileSystem fs = tree.fileSystem()) {
            assertThatThrownBy(() -> {
                        try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                            walk.forEach(p -> {});
                        }
                    })
                    .isInstanceOfAny(MalformedImageException.class, UncheckedIOException.class)
                    .hasMessageContaining("directory loop: /a/b/back");
        }
    }

    @Test
    void pathAlgebraMatchesUnixPaths() throws IOException {
        try (ImageFileSystem fs = sample()) {
            Path p = fs.getPath("/boot//grub/", "grub.cfg");
            assertThat(p.toString()).isEqualTo("/boot/grub/grub.cfg");
            assertThat(p.getNameCount()).isEqualTo(3);
            assertThat(p.getFileName().toString()).isEqualTo("grub.cfg");
            assertThat(p.getParent().toString()).isEqualTo("/boot/grub");
            assertThat(p.getRoot().toString()).isEqualTo("/");
            assertThat(p.subpath(1, 3).toString()).isEqualTo("grub/grub.cfg");
            assertThat(p.startsWith(fs.getPath("/boot"))).isTrue();
            assertThat(p.startsWith(fs.getPath("/bo"))).isFalse();
            assertThat(p.endsWith(fs.getPath("grub/grub.cfg"))).isTrue();
            assertThat(fs.getPath("/a/./b/../c").normalize().toString()).isEqualTo("/a/c");
            assertThat(fs.getPath("/a/b").relativize(fs.getPath("/a/c/d")).toString())
                    .isEqualTo("../c/d");
            assertThat(fs.getPath("/a").resolve("b").toString()).isEqualTo("/a/b");
            assertThat(fs.getPath("rel").toAbsolutePath().toString()).isEqualTo("/rel");
            assertThat(fs.getPathMatcher("glob:/boot/**.cfg").matches(p)).isTrue();
            assertThat(fs.getPathMatcher("glob:/boot/*.cfg").matches(p)).isFalse();
            assertThat(fs.getPathMatcher("glob:/boot/{grub,efi}/grub.[ch]fg").matches(p))
                    .isTrue();
            assertThat(fs.getPath("/boot/vmlinuz").toUri().toString())
                    .startsWith("memory:file:")
                    .endsWith("!/boot/vmlinuz");
        }
    }
}
