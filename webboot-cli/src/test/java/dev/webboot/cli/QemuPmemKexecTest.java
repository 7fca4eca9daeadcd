package dev.webboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webboot.kexec.ModuleIndex;
import dev.webboot.testing.DebianKernel;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.RuntimeClassPath;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole machine-facing half of a boot, in QEMU (TCG, Debian's kernel, {@code memmap=1G!4G}): a minimal
 * initramfs holding a jlinked Java runtime and webboot loads the nvdimm and virtio modules with webboot's loader,
 * stages an image into {@code /dev/pmem0}, is refused an image larger than the device, and kexecs with webboot's
 * {@code kexec_file_load} into a second kernel whose initrd hashes {@code /dev/pmem0}. The test passes only when
 * that hash is the host's.
 */
class QemuPmemKexecTest {
    private static final String MEMMAP = "memmap=1G!4G";

    @TempDir
    Path work;

    @Test
    void stagesIntoPmemAndKexecsIntoAKernelThatSeesTheSameBytes() throws Exception {
        DebianKernel kernel = DebianKernel.get();
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        Path qemu = ExternalTools.require("qemu-system-x86_64", "qemu-system-x86");
        ExternalTools.require("cpio", "cpio");
        ExternalTools.require("ldd", "libc-bin");
        Path jre = runtime();

        // The image: random bytes of an odd size, so a short or padded copy cannot hash the same.
        byte[] image = new byte[(8 << 20) + 12345];
        new Random(20261124).nextBytes(image);
        String hostHash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));

        // Stage 2, what the distribution would be: busybox, the pmem modules, an init that hashes /dev/pmem0.
        Path r2 = work.resolve("r2");
        busyboxRoot(r2, busybox);
        for (String m : List.of("libnvdimm", "nd_btt", "nd_e820", "nd_pmem")) {
            Files.copy(kernel.module("drivers/nvdimm/" + m + ".ko"), r2.resolve("lib/" + m + ".ko"));
        }
        script(
                r2.resolve("init"),
                """
                #!/bin/sh
                mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev
                for m in libnvdimm nd_btt nd_e820 nd_pmem; do insmod /lib/$m.ko; done
                i=0; while [ ! -b /dev/pmem0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
                size=$(sed -n 's/.*webboot.size=\\([0-9]*\\).*/\\1/p' /proc/cmdline)
                echo "WEBBOOT-SECOND-KERNEL: $(uname -r)"
                echo "WEBBOOT-HASH: $(head -c $size /dev/pmem0 | sha256sum)"
                poweroff -f
                """);
        Path initrd2 = cpioGzip(r2, work.resolve("initrd2.gz"));

        // Stage 1, webboot's initramfs: busybox only to mount /proc, /sys, /dev and /tmp; everything else is Java.
        Path r1 = work.resolve("r1");
        busyboxRoot(r1, busybox);
        copyTree(jre, r1.resolve("jre"));
        sharedLibraries(r1);
        String classPath = application(r1);
        Files.createDirectories(r1.resolve("jna"));
        extractJnaDispatch(r1.resolve("jna/libjnidispatch.so"));
        Path modules = r1.resolve("lib/modules/" + kernel.release);
        ModuleIndex index = ModuleIndex.fromModinfo(kernel.modules());
        for (String m : index.loadOrder(List.of("nd_pmem", "nd_e820", "virtio_net"), Set.of())) {
            Path file = index.file(m).orElseThrow();
            Path copy = modules.resolve(kernel.modules().relativize(file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        Files.createDirectories(r1.resolve("boot"));
        Files.copy(kernel.vmlinuz(), r1.resolve("boot/vmlinuz"));
        Files.copy(initrd2, r1.resolve("boot/initrd2.gz"));
        Files.write(r1.resolve("image.bin"), image);
        String cmdline2 = "console=ttyS0 " + MEMMAP + " panic=-1 quiet webboot.size=" + image.length;
        script(
                r1.resolve("init"),
                """
                #!/bin/sh
                mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev; mount -t tmpfs t /tmp
                /jre/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -Djna.boot.library.path=/jna \\
                  -Djna.nounpack=true -Djna.tmpdir=/tmp -cp %s dev.webboot.cli.PmemGuestProgram \\
                  /image.bin /boot/vmlinuz /boot/initrd2.gz '%s'
                echo WEBBOOT-GUEST-ENDED
                poweroff -f
                """
                        .formatted(classPath, cmdline2));
        Path initrd1 = cpioGzip(r1, work.resolve("initrd1.gz"));

        Path serial = work.resolve("serial.log");
        Process qemuProcess = new ProcessBuilder(
                        "timeout",
                        "170",
                        qemu.toString(),
                        "-accel",
                        "tcg",
                        "-m",
                        "4G",
                        "-smp",
                        "1",
                        "-nographic",
                        "-no-reboot",
                        "-kernel",
                        kernel.vmlinuz().toString(),
                        "-initrd",
                        initrd1.toString(),
                        "-append",
                        "console=ttyS0 " + MEMMAP + " panic=-1 quiet",
                        "-netdev",
                        "user,id=n0",
                        "-device",
                        "virtio-net-pci,netdev=n0")
                .redirectOutput(serial.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        assertThat(qemuProcess.waitFor(200, TimeUnit.SECONDS)).as("qemu ended").isTrue();
        // Kept for whoever reads a failure: target/qemu-pmem-kexec-serial.log.
        Files.copy(serial, Path.of("target", "qemu-pmem-kexec-serial.log"), StandardCopyOption.REPLACE_EXISTING);
        String log = Files.readString(serial, StandardCharsets.ISO_8859_1).replace("\r", "");
        String tail = log.lines().filter(l -> !l.isBlank()).reduce("", (a, b) -> a + "\n" + b);
        tail = tail.substring(Math.max(0, tail.length() - 3000));

        assertThat(log).as(tail).contains("WEBBOOT-GUEST: java ");
        assertThat(log).as(tail).contains("WEBBOOT-MODULES: ").contains("WEBBOOT-PMEM: true");
        String modulesLine = line(log, "WEBBOOT-MODULES: ");
        assertThat(modulesLine.split(" "))
                .contains("libnvdimm", "nd_btt", "nd_pmem", "nd_e820", "virtio_net")
                .containsSubsequence("libnvdimm", "nd_pmem")
                .containsSubsequence("virtio_ring", "virtio", "virtio_net");
        assertThat(log)
                .as(tail)
                .contains("{\"device\":\"/dev/pmem0\",\"bytes\":" + image.length + ",\"sha256\":\"" + hostHash
                        + "\",\"verified\":true}")
                .contains("WEBBOOT-STAGE-EXIT: 0");
        // The too-large image: one sentence, exit 1, nothing loaded for kexec.
        assertThat(log)
                .contains("webboot: /dev/pmem0: the image (2147483648 bytes) is larger than the device (1073741824"
                        + " bytes); nothing was written")
                .contains("WEBBOOT-REFUSED-EXIT: 1")
                .contains("WEBBOOT-KEXEC-LOADED: 0");
        assertThat(log).as(tail).doesNotContain("WEBBOOT-KEXEC-FAILED");
        assertThat(line(log, "WEBBOOT-SECOND-KERNEL: ")).isEqualTo(kernel.release);
        assertThat(line(log, "WEBBOOT-HASH: ")).as(tail).isEqualTo(hostHash + "  -");
    }

    private static String line(String log, String prefix) {
        return log.lines()
                .filter(l -> l.contains(prefix))
                .map(l -> l.substring(l.indexOf(prefix) + prefix.length()).strip())
                .findFirst()
                .orElse("(no " + prefix.strip() + " line)");
    }

    /** A java.base + java.logging runtime made by jlink, cached under .cache/qemu-e2e/ of the repository. */
    private static Path runtime() throws IOException {
        String javaHome = System.getProperty("java.home");
        Path jlink = Path.of(javaHome, "bin", "jlink");
        if (!Files.isExecutable(jlink)) {
            throw new AssertionError(jlink + " is missing: the tests need a JDK (openjdk-17-jdk), not a JRE");
        }
        Path cache = Path.of(System.getenv("WEBBOOT_TEST_ROOT"), ".cache", "qemu-e2e");
        Path jre = cache.resolve("jre-" + System.getProperty("java.version"));
        if (!Files.isExecutable(jre.resolve("bin/java"))) {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "jlink");
            Files.delete(tmp);
            ExternalTools.run(
                    cache,
                    jlink.toString(),
                    "--add-modules",
                    "java.base,java.logging",
                    "--strip-debug",
                    "--no-header-files",
                    "--no-man-pages",
                    "--output",
                    tmp.toString());
            Files.move(tmp, jre, StandardCopyOption.ATOMIC_MOVE);
        }
        return jre;
    }

    private static void busyboxRoot(Path root, Path busybox) throws IOException {
        for (String d : List.of("bin", "dev", "proc", "sys", "tmp", "lib")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.copy(busybox, root.resolve("bin/busybox"));
        for (String applet : List.of(
                "sh", "mount", "insmod", "sleep", "sed", "head", "sha256sum", "poweroff", "uname", "cat", "echo")) {
            Files.createSymbolicLink(root.resolve("bin/" + applet), Path.of("busybox"));
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }

    private Path cpioGzip(Path root, Path out) {
        ExternalTools.run(root, "/bin/sh", "-c", "find . | cpio -o -H newc --quiet | gzip -1 > " + out);
        return out;
    }

    /** The shared libraries the runtime needs, at their host paths, and the dynamic loader. */
    private void sharedLibraries(Path root) throws IOException {
        Set<String> libraries = new LinkedHashSet<>();
        List<Path> binaries = new ArrayList<>();
        binaries.add(root.resolve("jre/bin/java"));
        try (Stream<Path> walk = Files.walk(root.resolve("jre/lib"))) {
            walk.filter(p -> p.toString().endsWith(".so")).forEach(binaries::add);
        }
        for (Path binary : binaries) {
            String out = ExternalTools.runAllowingFailure(work, "ldd", binary.toString())
                    .stdoutText();
            for (String line : out.lines().toList()) {
                for (String word : line.strip().split("\\s+")) {
                    if (word.startsWith("/") && !word.startsWith(root.toString())) {
                        libraries.add(word);
                    }
                }
            }
        }
        libraries.add("/lib64/ld-linux-x86-64.so.2");
        for (String library : libraries) {
            Path target = root.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies webboot's run-time class path and the guest program's class into /app; returns the guest class path. */
    private static String application(Path root) throws IOException, URISyntaxException {
        Path app = Files.createDirectories(root.resolve("app"));
        List<String> guest = new ArrayList<>();
        int n = 0;
        for (Path p : RuntimeClassPath.entries()) {
            if (!Files.exists(p)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                Path target = app.resolve("classes" + n++);
                copyTree(p, target);
                guest.add("/app/" + target.getFileName());
            } else {
                Files.copy(p, app.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                guest.add("/app/" + p.getFileName());
            }
        }
        // The program the guest runs is a test class: only it, not the other tests.
        Path testClasses = Path.of(PmemGuestProgram.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path target = app.resolve("classes" + n);
        Files.createDirectories(target.resolve("dev/webboot/cli"));
        Files.copy(
                testClasses.resolve("dev/webboot/cli/PmemGuestProgram.class"),
                target.resolve("dev/webboot/cli/PmemGuestProgram.class"));
        guest.add("/app/" + target.getFileName());
        return String.join(":", guest);
    }

    private static void extractJnaDispatch(Path target) throws IOException {
        List<Path> classPath = RuntimeClassPath.entries();
        for (Path entry : classPath) {
            if (entry.getFileName().toString().matches("jna-[0-9.]+\\.jar")) {
                try (ZipFile zip = new ZipFile(entry.toFile());
                        InputStream in =
                                zip.getInputStream(zip.getEntry("com/sun/jna/linux-x86-64/libjnidispatch.so"))) {
                    Files.copy(in, target);
                    return;
                }
            }
        }
        throw new AssertionError("no jna jar on the class path " + classPath);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
