package dev.webboot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Debian kernel package ({@code linux-image-amd64}'s current dependency), fetched with {@code apt-get
 * download} and unpacked with {@code dpkg-deb -x} into {@code .cache/debian-kernel/} under the repository root
 * ({@code WEBBOOT_TEST_ROOT}, set by the build); later runs reuse it.
 */
public final class DebianKernel {
    private static DebianKernel instance;

    /** The unpacked package. */
    public final Path root;

    /** The kernel release ({@code 6.1.0-26-amd64}). */
    public final String release;

    private DebianKernel(Path root, String release) {
        this.root = root;
        this.release = release;
    }

    /** The kernel, fetched on first use. */
    public static synchronized DebianKernel get() throws IOException {
        if (instance == null) {
            instance = fetch();
        }
        return instance;
    }

    /** The bzImage. */
    public Path vmlinuz() {
        return root.resolve("boot/vmlinuz-" + release);
    }

    /** {@code lib/modules/RELEASE}. */
    public Path modules() {
        Path lib = root.resolve("lib/modules/" + release);
        return Files.isDirectory(lib) ? lib : root.resolve("usr/lib/modules/" + release);
    }

    /** A module file by its path under {@code kernel/}. */
    public Path module(String relative) {
        return modules().resolve("kernel").resolve(relative);
    }

    private static DebianKernel fetch() throws IOException {
        String top = System.getenv("WEBBOOT_TEST_ROOT");
        if (top == null || top.isBlank()) {
            throw new AssertionError("WEBBOOT_TEST_ROOT is not set: run the tests through Maven (mvn verify), which"
                    + " sets it to the repository root where the Debian kernel is cached");
        }
        Path cache = Files.createDirectories(Path.of(top, ".cache", "debian-kernel"));
        Path deb = newestDeb(cache);
        if (deb == null) {
            String apt = ExternalTools.require("apt-get", "apt").toString();
            String pkg = ExternalTools.run(
                            cache, ExternalTools.require("apt-cache", "apt").toString(), "depends", "linux-image-amd64")
                    .stdoutText()
                    .lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("Depends: linux-image-") && l.endsWith("-amd64"))
                    .map(l -> l.substring("Depends: ".length()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("apt-cache depends linux-image-amd64 names no kernel"
                            + " package: run apt-get update (the Debian kernel cannot be fetched)"));
            ExternalTools.Result r = ExternalTools.runAllowingFailure(cache, apt, "download", "-q", pkg);
            deb = newestDeb(cache);
            if (r.exitCode() != 0 || deb == null) {
                throw new AssertionError("the Debian kernel package " + pkg + " could not be fetched with apt-get"
                        + " download (exit " + r.exitCode() + "): " + r.stderr().strip());
            }
        }
        String name = deb.getFileName().toString().replaceAll("\\.deb$", "");
        Path root = cache.resolve(name);
        Path done = cache.resolve(name + ".extracted");
        if (!Files.exists(done)) {
            ExternalTools.run(
                    cache, ExternalTools.require("dpkg-deb", "dpkg").toString(), "-x", deb.toString(), root.toString());
            Files.createFile(done);
        }
        Path modules = Files.isDirectory(root.resolve("lib/modules"))
                ? root.resolve("lib/modules")
                : root.resolve("usr/lib/modules");
        try (Stream<Path> releases = Files.list(modules)) {
            List<Path> all = releases.toList();
            if (all.size() != 1) {
                throw new AssertionError(modules + ": expected one kernel release, found " + all);
            }
            return new DebianKernel(root, all.get(0).getFileName().toString());
        }
    }

    private static Path newestDeb(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("linux-image-") && n.endsWith("_amd64.deb") && !n.contains("-dbg");
                    })
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
    }
}
