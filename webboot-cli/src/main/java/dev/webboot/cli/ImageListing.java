package dev.webboot.cli;

import dev.webboot.iso.ImageWalk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** The {@code ls} output shared by every image command: one entry per line, plain or JSON Lines. */
final class ImageListing {
    private ImageListing() {}

    /**
     * Lists a directory's entries ({@code recursive}: its whole subtree), or the entry itself for a non-directory;
     * more than {@code maxEntries} entries is a {@link dev.webboot.iso.TooManyEntriesException}.
     */
    static void list(Path path, boolean recursive, boolean json, long maxEntries, PrintWriter out) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            print(path, attrs, json, out);
            return;
        }
        try (Stream<Path> entries = recursive ? ImageWalk.walk(path, maxEntries) : ImageWalk.list(path, maxEntries)) {
            entries.forEach(entry -> {
                try {
                    print(
                            entry,
                            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
                            json,
                            out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    static String type(BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
            return "file";
        }
        if (attrs.isDirectory()) {
            return "dir";
        }
        return attrs.isSymbolicLink() ? "symlink" : "other";
    }

    private static void print(Path entry, BasicFileAttributes attrs, boolean json, PrintWriter out) throws IOException {
        String type = type(attrs);
        String target = attrs.isSymbolicLink() ? Files.readSymbolicLink(entry).toString() : "";
        String path = entry.toAbsolutePath().toString();
        if (json) {
            JsonLine line =
                    JsonLine.object().put("path", path).put("type", type).put("size", attrs.size());
            if (attrs.isSymbolicLink()) {
                line.put("target", target);
            }
            out.println(line);
        } else {
            out.printf("%-7s %12d %s%s%n", type, attrs.size(), path, target.isEmpty() ? "" : " -> " + target);
        }
    }
}
