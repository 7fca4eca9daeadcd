package dev.webboot.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line webboot boots itself again with, and the marker that stops it doing so twice. */
class SelfRelaunchTest {
    @TempDir
    Path dir;

    @Test
    void thePlannedMemmapTakesThePlaceOfThePersistentItemsAndTheBootRequestStays() {
        // The recorded desktop's line: a quoted persistent memmap=, a reserved bad range and a type change the
        // user needs, an unattended boot request, and parameters for init after "--".
        String running = "BOOT_IMAGE=/vmlinuz \"memmap=4G!8G\" quiet memmap=0x10000$0x18690000,64K#0x1869f000,1G!12G"
                + " webboot.boot=debian-live webboot.args=--entry+1 -- single";
        assertThat(SelfRelaunch.commandLine(running, "16G!4G", "debian-live", List.of("ignored")))
                .isEqualTo("BOOT_IMAGE=/vmlinuz memmap=16G!4G quiet memmap=0x10000$0x18690000,64K#0x1869f000"
                        + " webboot.boot=debian-live webboot.args=--entry+1 webboot.replanned=1 -- single");
        assertThat(SelfRelaunch.runningMemmap(running)).contains("memmap=4G!8G,1G!12G");
    }

    @Test
    void aBootAskedForAtTheShellIsWrittenAsTheUnattendedRequest() {
        List<String> arguments =
                List.of("--sha256", "ab12", "http://10.0.2.2:8080/live/x.iso", "--append", "a=b c", "--insecure");
        assertThat(SelfRelaunch.commandLine(
                        "console=ttyS0 panic=-1", "1G!4G", "http://10.0.2.2:8080/live/x.iso", arguments))
                .isEqualTo("console=ttyS0 panic=-1 memmap=1G!4G webboot.replanned=1"
                        + " webboot.boot=http://10.0.2.2:8080/live/x.iso"
                        + " webboot.args=--sha256+ab12+--append+a=b+c+--insecure");
        assertThat(SelfRelaunch.commandLine("quiet", "128M!4G", "debian-live", List.of()))
                .isEqualTo("quiet memmap=128M!4G webboot.replanned=1 webboot.boot=debian-live");
    }

    @Test
    void theMarkerSaysTheSecondInstanceMustNotBootItselfAgain() {
        String second = SelfRelaunch.commandLine("console=ttyS0", "1G!4G", "demo", List.of());
        assertThat(SelfRelaunch.relaunched(second)).isTrue();
        assertThat(SelfRelaunch.relaunched("console=ttyS0 memmap=1G!4G webboot.boot=demo"))
                .isFalse();
        // Planned again on the second instance, the marker is not repeated.
        assertThat(SelfRelaunch.commandLine(second, "2G!4G", "demo", List.of()))
                .isEqualTo("console=ttyS0 memmap=2G!4G webboot.replanned=1 webboot.boot=demo");
    }

    @Test
    void initDecodesWhatTheEncodingWrites() throws IOException {
        // The real decoder: /init's urldecode, run by busybox sh as in the initramfs.
        String init;
        try (InputStream in = getClass().getResourceAsStream("/dev/webboot/boot/initramfs/init.sh")) {
            init = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String decoder = init.lines()
                .filter(l -> l.startsWith("urldecode()"))
                .findFirst()
                .orElseThrow();
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        String value = "--append 'a=\"b c\"' --sums http://h/x%20y/SUMS?q=1&r=2 --keyring /etc/k+1.gpg é!";
        String decoded = ExternalTools.run(
                        dir,
                        busybox.toString(),
                        "sh",
                        "-c",
                        decoder + "\nprintf '%s' \"$(urldecode \"$1\")\"",
                        "sh",
                        SelfRelaunch.encode(value))
                .stdoutText();
        assertThat(decoded).isEqualTo(value);
    }
}
