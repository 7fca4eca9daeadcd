package dev.webboot.cli;

import dev.webboot.kexec.KernelModules;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What runs as webboot inside the first QEMU guest of {@link QemuPmemKexecTest}: loads the pmem and virtio modules
 * with webboot's own loader, stages an image into {@code /dev/pmem0} with {@code webboot pmem stage}, checks that an
 * image larger than the device is refused, then {@code webboot kexec load --exec}s into the second kernel. Each step
 * prints a {@code WEBBOOT-…} line the test reads from the serial console.
 */
public final class PmemGuestProgram {
    private PmemGuestProgram() {}

    public static void main(String[] args) throws Exception {
        String image = args[0];
        String kernel = args[1];
        String initrd = args[2];
        String cmdline = args[3];
        say("WEBBOOT-GUEST: java " + System.getProperty("java.version") + " started");

        List<String> loaded = KernelModules.running().load(List.of("nd_pmem", "nd_e820", "virtio_net"), false);
        say("WEBBOOT-MODULES: " + String.join(" ", loaded));
        Path pmem = Path.of("/dev/pmem0");
        for (int i = 0; i < 100 && !Files.exists(pmem); i++) {
            Thread.sleep(100);
        }
        say("WEBBOOT-PMEM: " + Files.exists(pmem));

        say("WEBBOOT-STAGE-EXIT: " + Main.execute("pmem", "stage", image, "--verify", "--json"));

        // An image larger than the device: refused before a byte is written (the second kernel's hash shows it).
        Path big = Path.of("/tmp/too-large.img");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2L << 30); // sparse: costs no memory
        }
        say("WEBBOOT-REFUSED-EXIT: " + Main.execute("pmem", "stage", big.toString(), "--device", pmem.toString()));
        say("WEBBOOT-KEXEC-LOADED: "
                + Files.readString(Path.of("/sys/kernel/kexec_loaded"), StandardCharsets.US_ASCII)
                        .strip());

        int exit =
                Main.execute("kexec", "load", "--kernel", kernel, "--initrd", initrd, "--cmdline", cmdline, "--exec");
        say("WEBBOOT-KEXEC-FAILED: " + exit);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
