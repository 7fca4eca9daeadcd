package dev.webboot.boot.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the host programs the initramfs and media builders need (jlink, ldd, busybox, unshare, dpkg-deb, apt-get,
 * grub-mkrescue) and fails with their stderr.
 */
public final class HostProcess {
    private HostProcess() {}

    /** Runs {@code command} in {@code dir} and returns its stdout; a non-zero exit status is an IOException. */
    public static String run(Path dir, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] stdout = process.getInputStream().readAllBytes();
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        String errors = new String(stderr.join(), StandardCharsets.UTF_8).strip();
        if (status != 0) {
            String last = errors.lines().reduce((a, b) -> b).orElse("no message");
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " failed (exit status " + status + "): " + last);
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Runs {@code command} and returns its exit status (-1 when stopped after two minutes); output is discarded. */
    public static int runAllowingFailure(Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
    }

    /** The first of {@code names} found as an executable on PATH (or as an absolute path). */
    public static Optional<Path> find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        for (String name : names) {
            if (name.startsWith("/")) {
                if (Files.isExecutable(Path.of(name))) {
                    return Optional.of(Path.of(name));
                }
                continue;
            }
            for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@link #find} or an IOException naming the Debian package that has the program. */
    public static Path require(String name, String debianPackage) throws IOException {
        return find(name)
                .orElseThrow(() -> new IOException(
                        name + ": not found on PATH; install it (apt-get install " + debianPackage + ")"));
    }

    /** Deletes a work tree the builders made (files, then directories; links are not followed). */
    public static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
