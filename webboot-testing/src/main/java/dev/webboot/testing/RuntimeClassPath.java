package dev.webboot.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * webboot's run-time class path as Maven resolved it for the module under test: its own classes, then its
 * runtime-scope jars — what the fat jar and the initramfs ship, without the test libraries.
 *
 * <p>Tests that run webboot in a child JVM, copy it into a QEMU guest or build an initramfs from it use this, so
 * they run what users run. It used to be the test's class path minus a list of test-library names, and the list
 * missed some (ArchUnit, MockWebServer, Hamcrest, webboot-testing: 4.8 MB of jars in every tested initramfs). The
 * module's pom writes the file with {@code dependency:build-classpath} and passes its location as the system
 * properties {@code webboot.runtime.classpath} (the file) and {@code webboot.runtime.classes} (the classes).
 */
public final class RuntimeClassPath {
    private RuntimeClassPath() {}

    /** The entries, in class-path order; fails the test when the module's pom did not provide them. */
    public static List<Path> entries() {
        String file = System.getProperty("webboot.runtime.classpath");
        String classes = System.getProperty("webboot.runtime.classes");
        if (file == null || classes == null) {
            throw new AssertionError("the system properties webboot.runtime.classpath and webboot.runtime.classes"
                    + " are not set: run the tests through Maven (the module's pom sets them)");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of(classes));
        try {
            for (String entry : Files.readString(Path.of(file), StandardCharsets.UTF_8)
                    .strip()
                    .split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    entries.add(Path.of(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run-time class path in " + file, e);
        }
        return List.copyOf(entries);
    }

    /** The entries joined with the platform's path separator, for {@code java -cp}. */
    public static String joined() {
        return String.join(
                File.pathSeparator, entries().stream().map(Path::toString).toList());
    }
}
