package dev.webboot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A QEMU guest (TCG, no KVM: see shared/reference/qemu-pmem-kexec.md) booting Debian's kernel from
 * {@code scripts/fetch-fixtures} with an initramfs built here: busybox, chosen kernel modules (in load order), chosen
 * programs with the shared libraries ldd names, a jlinked Java runtime and this test's class path, and an init script.
 */
public final class QemuGuest {
    private final Path dir;
    private final Path root;
    private final Path modules;
    private final Path vmlinuz;
    private final StringBuilder moduleOrder = new StringBuilder();
    private String classPath = "";
    private String memory = "1G";
    private String cmdline = "console=ttyS0 panic=-1 quiet";
    private int timeoutSeconds = 300;

    public QemuGuest(Path dir) throws IOException {
        this.dir = dir;
        this.root = dir.resolve("root");
        String testRoot = System.getenv("WEBBOOT_TEST_ROOT");
        Path linux = Path.of(testRoot == null ? "." : testRoot, ".cache", "fixtures", "linux");
        this.vmlinuz = linux.resolve("vmlinuz");
        this.modules = linux.resolve("modules/kernel");
        assertThat(vmlinuz)
                .as("run scripts/fetch-fixtures, which unpacks Debian's kernel")
                .exists();
        for (String d : List.of("bin", "dev", "proc", "sys", "tmp", "etc", "run", "lib/modules", "opt/cp")) {
            Files.createDirectories(root.resolve(d));
        }
        Path busybox = ExternalTools.require("busybox", "busybox-static");
        Files.copy(busybox, root.resolve("bin/busybox"));
        for (String applet : ExternalTools.run(dir, busybox.toString(), "--list")
                .stdoutText()
                .split("\n")) {
            if (!applet.isBlank() && !Files.exists(root.resolve("bin").resolve(applet))) {
                Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
            }
        }
    }

    /** The guest's RAM (QEMU's {@code -m}; default 1G). */
    public QemuGuest memory(String size) {
        this.memory = size;
        return this;
    }

    /** The kernel command line (default {@code console=ttyS0 panic=-1 quiet}). */
    public QemuGuest cmdline(String line) {
        this.cmdline = line;
        return this;
    }

    /** How long QEMU may run before {@code timeout} stops it (default 300 s). */
    public QemuGuest timeout(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Adds kernel modules (paths under lib/modules/VERSION/kernel without .ko), loaded in this order. */
    public QemuGuest modules(String... paths) throws IOException {
        for (String module : paths) {
            String name = Path.of(module).getFileName() + ".ko";
            Files.copy(
                    modules.resolve(module + ".ko"), root.resolve("lib/modules").resolve(name));
            moduleOrder.append(name).append('\n');
        }
        return this;
    }

    /** Adds a program at the same path in the guest, with every library ldd lists for it. */
    public QemuGuest program(Path program) throws IOException {
        copyToSamePath(program);
        String ldd = ExternalTools.run(dir, "ldd", program.toString()).stdoutText();
        Matcher library = Pattern.compile("(/\\S+\\.so[^\\s]*)").matcher(ldd);
        while (library.find()) {
            copyToSamePath(Path.of(library.group(1)));
        }
        return this;
    }

    /** Adds a jlinked runtime at /opt/jre (java.base, java.logging for JNA) and this test's class path at /opt/cp. */
    public QemuGuest java() throws IOException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        ExternalTools.run(
                dir,
                jlink.toString(),
                "--add-modules",
                "java.base,java.logging",
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--output",
                root.resolve("opt/jre").toString());
        program(root.resolve("opt/jre/bin/java"));
        program(root.resolve("opt/jre/lib/server/libjvm.so"));
        classPath = guestClassPath(root.resolve("opt/cp"));
        return this;
    }

    /** The guest command that runs {@code webboot ARGS}. */
    public String webboot(String args) {
        return "/opt/jre/bin/java -XX:TieredStopAtLevel=1 -cp " + classPath + " dev.webboot.cli.Main " + args;
    }

    /** Writes a file into the guest. */
    public QemuGuest file(String path, String text) throws IOException {
        Path target = root.resolve(path.substring(1));
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        return this;
    }

    /**
     * Boots with {@code script} as the body of /init (after /proc, /sys, /dev are mounted and the modules loaded)
     * and returns the serial console's output; the guest powers off at the end, QEMU is stopped after the timeout.
     */
    public String boot(String script, String... qemuOptions) throws IOException {
        Files.writeString(root.resolve("lib/modules/order"), moduleOrder);
        Files.writeString(
                root.resolve("init"),
                "#!/bin/sh\n"
                        + "mount -t proc p /proc; mount -t sysfs s /sys; mount -t devtmpfs d /dev\n"
                        + "for m in $(cat /lib/modules/order); do insmod /lib/modules/$m; done\n"
                        + script
                        + "\npoweroff -f\n");
        root.resolve("init").toFile().setExecutable(true, false);
        String cpio = ExternalTools.require("cpio", "cpio").toString();
        Path initrd = dir.resolve("initrd.cpio");
        ExternalTools.run(root, "sh", "-c", "find . | " + cpio + " -o -H newc --quiet > " + initrd);
        String qemu =
                ExternalTools.require("qemu-system-x86_64", "qemu-system-x86").toString();
        List<String> command = new ArrayList<>(List.of(
                "timeout",
                String.valueOf(timeoutSeconds),
                qemu,
                "-accel",
                "tcg",
                "-m",
                memory,
                "-smp",
                "1",
                "-nographic",
                "-no-reboot",
                "-kernel",
                vmlinuz.toString(),
                "-initrd",
                initrd.toString(),
                "-append",
                cmdline));
        command.addAll(List.of(qemuOptions));
        return ExternalTools.runAllowingFailure(dir, command.toArray(String[]::new))
                .stdoutText();
    }

    private void copyToSamePath(Path source) throws IOException {
        Path target = source.startsWith(root)
                ? source
                : root.resolve(source.toString().substring(1));
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** Copies webboot's run-time class path ({@link RuntimeClassPath}) into the guest; returns its form there. */
    private static String guestClassPath(Path target) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (Path source : RuntimeClassPath.entries()) {
            String name = source.getFileName().toString();
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve((n++) + "-" + name);
            if (Files.isDirectory(source)) {
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : walk.toList()) {
                        Path to = copy.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            } else {
                Files.copy(source, copy);
            }
            entries.add("/opt/cp/" + copy.getFileName());
        }
        return String.join(":", entries);
    }
}
