package dev.webboot.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 10: webboot-iso on a class loader of its own (a plugin, {@code exec:java}), as a user met it: the
 * JDK's provider lookup says "Provider not found"; passing the class loader, or {@link ImageFormats#open(Path)},
 * opens the image. Run in a child JVM whose class path holds only {@link OtherClassLoaderProbe}.
 */
class OtherClassLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theFactoryNeedsNoProviderLookupAndTheClassLoaderCanBePassed() throws IOException {
        Files.createDirectories(dir.resolve("tree/boot"));
        Files.writeString(dir.resolve("tree/boot/hello.txt"), "hello\n");
        Path iso = IsoBuilder.of(dir.resolve("tree")).build(dir.resolve("probe.iso"));

        Path probeClasses = Path.of(OtherClassLoaderProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                probeClasses.toString(),
                OtherClassLoaderProbe.class.getName(),
                iso.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).equals(probeClasses)) {
                command.add(entry);
            }
        }
        String out = ExternalTools.run(dir, command.toArray(String[]::new)).stdoutText();
        assertThat(out)
                .contains("webboot-iso visible to the system class loader: false\n")
                .contains(
                        "FileSystems.newFileSystem(path): java.nio.file.ProviderNotFoundException: Provider not found\n")
                .contains("FileSystems.newFileSystem(path, loader): iso9660 /boot/hello.txt hello\n")
                .contains("ImageFormats.open(path): iso9660 /boot/hello.txt hello\n");
    }
}
