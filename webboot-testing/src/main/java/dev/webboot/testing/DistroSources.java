package dev.webboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The distributions' own boot code, as unmodified tarballs beside the clone ({@code ../shared/distro-sources}:
 * casper, mkinitcpio, mkinitcpio-archiso, dracut-ng, TinyCore's scripts), for tests that run that code on what
 * webboot plans or writes. They are test inputs only: nothing of them is copied into the project.
 *
 * <p>A missing tarball fails the test with a sentence saying where it was looked for, as a missing tool does.
 */
public final class DistroSources {
    private DistroSources() {}

    /**
     * The folder holding the tarballs: {@code WEBBOOT_DISTRO_SOURCES} when set, else {@code ../shared/distro-sources}
     * beside the clone ({@code WEBBOOT_TEST_ROOT}, which Maven sets, or the working directory).
     */
    public static Path directory() {
        String explicit = System.getenv("WEBBOOT_DISTRO_SOURCES");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String root = System.getenv("WEBBOOT_TEST_ROOT");
        Path clone = root == null || root.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(root);
        return clone.toAbsolutePath().normalize().resolveSibling("shared").resolve("distro-sources");
    }

    /**
     * Unpacks {@code NAME.tar.gz} (for example {@code mkinitcpio-41}) with tar into {@code dir} and returns its top
     * folder {@code dir/NAME}.
     */
    public static Path unpack(String name, Path dir) {
        Path tarball = directory().resolve(name + ".tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new AssertionError(tarball + " is missing: the distributions' boot code is expected in "
                    + directory() + " (or WEBBOOT_DISTRO_SOURCES)"
                    + (ExternalTools.isCi() ? " (CI is set: tests never skip)" : ""));
        }
        ExternalTools.require("tar", "tar");
        Path top = dir.resolve(name);
        if (!Files.isDirectory(top)) {
            ExternalTools.run(dir, "tar", "-xzf", tarball.toString());
        }
        if (!Files.isDirectory(top)) {
            throw new AssertionError(tarball + " has no top folder " + name);
        }
        return top;
    }

    /**
     * The definition of the shell function {@code function} in {@code script}: from its line {@code function() {} to
     * the next line that is a lone {@code }}, as the distributions' scripts write them. Fails when there is none.
     */
    public static String shellFunction(Path script, String function) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (!inside && line.equals(function + "() {")) {
                inside = true;
            }
            if (inside) {
                out.append(line).append('\n');
                if (line.equals("}")) {
                    return out.toString();
                }
            }
        }
        throw new AssertionError(script + " defines no shell function " + function + "()");
    }
}
