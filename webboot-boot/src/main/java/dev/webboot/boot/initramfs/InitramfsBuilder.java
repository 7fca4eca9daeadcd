package dev.webboot.boot.initramfs;

import dev.webboot.boot.internal.HostProcess;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.kexec.ModuleIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the webboot initramfs: a cpio newc archive the kernel unpacks as its root file system, holding a jlinked Java
 * runtime with the modules webboot's jars need, the jars, a class-data-sharing archive made at build time, JNA's native
 * library in place, CA certificates, busybox with its applet links, the shared libraries of all that with the dynamic
 * loader, optionally kernel modules (with {@code modules.dep}), firmware and wpa_supplicant, the {@code webboot}
 * wrapper and {@code /init} (docs/initramfs.md).
 *
 * <pre>{@code
 * InitramfsReport report = InitramfsBuilder.create()
 *         .kernelModules(Path.of("/lib/modules/6.1.0-26-amd64"))
 *         .build(Path.of("webboot.img"));
 * }</pre>
 *
 * <p>The tree is staged in a temporary directory, because jlink writes a directory and the CDS archive is made by
 * running the staged runtime in it (under {@code unshare --root}, so that the archive records the paths the guest will use:
 * the JVM refuses an archive whose class path moved).
 */
public final class InitramfsBuilder {
    /** Where webboot lives in the initramfs. */
    public static final String HOME = "/usr/lib/webboot";

    /**
     * The Java modules linked by default. jdeps also names java.desktop, java.sql and java.naming, but only for code
     * webboot never runs (Jackson's optional java.beans/java.sql support, JNA's AWT helpers, Bouncy Castle's LDAP
     * certificate store); java.desktop alone would add 12 MB of classes and the X11 libraries. jdk.crypto.ec is a
     * service jdeps cannot see (TLS with EC keys). The QEMU test runs webboot with exactly this runtime.
     */
    public static final List<String> DEFAULT_JAVA_MODULES =
            List.of("java.base", "java.logging", "jdk.crypto.ec", "jdk.unsupported");

    /**
     * Where the archive holds the kernel it was built for (given with {@link #kernel(Path)}): the kernel webboot kexecs
     * when it boots itself again with a {@code memmap=} it planned (docs/boot-planning.md, "No memmap= to guess").
     */
    public static final String OWN_KERNEL = "/lib/webboot/vmlinuz";

    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+[\\w.+~-]*");

    private Path jdk = Path.of(System.getProperty("java.home"));
    private List<Path> classPath = runningClassPath();
    private Compression compression = Compression.ZSTD;
    private Optional<Path> kernelModules = Optional.empty();
    private Optional<String> kernelRelease = Optional.empty();
    private Optional<Path> kernel = Optional.empty();
    private List<String> modules = List.of();
    private Optional<Path> firmware = Optional.empty();
    private Optional<Path> wpaSupplicant = Optional.empty();
    private Optional<Path> busybox = Optional.empty();
    private Path caCertificates = Path.of("/etc/ssl/certs/ca-certificates.crt");
    private boolean classDataSharing = true;
    private List<String> javaModules = DEFAULT_JAVA_MODULES;
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private Consumer<String> progress = message -> {};

    private InitramfsBuilder() {}

    /** A builder with the defaults: this JVM's JDK, the running webboot's class path, zstd, no kernel modules. */
    public static InitramfsBuilder create() {
        return new InitramfsBuilder();
    }

    /** The JDK whose jlink and jmods make the runtime (default: this JVM's java.home). */
    public InitramfsBuilder jdk(Path jdk) {
        this.jdk = Objects.requireNonNull(jdk);
        return this;
    }

    /** webboot's jars (or class directories, jarred on the way), in class-path order. */
    public InitramfsBuilder classPath(List<Path> classPath) {
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("the class path is empty");
        }
        this.classPath = List.copyOf(classPath);
        return this;
    }

    /** How the archive is compressed (none, gzip, xz or zstd; default zstd). */
    public InitramfsBuilder compression(Compression compression) {
        if (!compression.writable()) {
            throw new IllegalArgumentException(
                    "cannot write " + compression.cliName() + "; use none, gzip, xz or zstd");
        }
        this.compression = compression;
        return this;
    }

    /** A kernel's modules: its {@code lib/modules/RELEASE} directory, a root holding one, or a linux-image .deb. */
    public InitramfsBuilder kernelModules(Path treeOrDeb) {
        this.kernelModules = Optional.of(treeOrDeb);
        return this;
    }

    /**
     * The kernel this initramfs boots with, carried at {@link #OWN_KERNEL} so that webboot can kexec itself again with
     * a {@code memmap=} it planned; it costs the kernel's size (8 MB for Debian 12's).
     */
    public InitramfsBuilder kernel(Path bzImage) {
        this.kernel = Optional.of(bzImage);
        return this;
    }

    /** The kernel release, when it cannot be read from the directory name or the modules' vermagic. */
    public InitramfsBuilder kernelRelease(String release) {
        this.kernelRelease = Optional.of(release);
        return this;
    }

    /** The kernel modules to carry and load (with their dependencies); empty: {@link DriverSelection#defaults()}. */
    public InitramfsBuilder modules(List<String> modules) {
        this.modules = List.copyOf(modules);
        return this;
    }

    /** A firmware tree copied to /lib/firmware. */
    public InitramfsBuilder firmware(Path firmware) {
        this.firmware = Optional.of(firmware);
        return this;
    }

    /** wpa_supplicant (for webboot wifi), copied to /usr/sbin/wpa_supplicant with its libraries. */
    public InitramfsBuilder wpaSupplicant(Path program) {
        this.wpaSupplicant = Optional.of(program);
        return this;
    }

    /** The busybox binary (default: busybox on PATH; busybox-static's is self-contained). */
    public InitramfsBuilder busybox(Path program) {
        this.busybox = Optional.of(program);
        return this;
    }

    /** The CA bundle copied to /etc/ssl/certs/ca-certificates.crt. */
    public InitramfsBuilder caCertificates(Path bundle) {
        this.caCertificates = bundle;
        return this;
    }

    /** Whether to make the class-data-sharing archive (default true; needs unshare --root: root or user namespaces). */
    public InitramfsBuilder classDataSharing(boolean enabled) {
        this.classDataSharing = enabled;
        return this;
    }

    /** The Java modules to link (default {@link #DEFAULT_JAVA_MODULES}; an empty list keeps the default). */
    public InitramfsBuilder javaModules(List<String> javaModules) {
        this.javaModules = javaModules.isEmpty() ? DEFAULT_JAVA_MODULES : List.copyOf(javaModules);
        return this;
    }

    /** Where the tree is staged (default: java.io.tmpdir). */
    public InitramfsBuilder workDirectory(Path directory) {
        this.workDirectory = directory;
        return this;
    }

    /** Receives one line per step (the CLI prints them on stderr). */
    public InitramfsBuilder progress(Consumer<String> progress) {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }

    /** Builds the initramfs into {@code output} (replaced). */
    public InitramfsReport build(Path output) throws IOException {
        Path work = Files.createTempDirectory(workDirectory, "webboot-initramfs-");
        try {
            return build(work, output);
        } finally {
            HostProcess.deleteTree(work);
        }
    }

    private InitramfsReport build(Path work, Path output) throws IOException {
        Path root = work.resolve("root");
        for (String dir : List.of(
                "bin",
                "usr/bin",
                "usr/sbin",
                "usr/lib/webboot/lib",
                "usr/lib/webboot/native",
                "etc/webboot",
                "etc/ssl/certs",
                "lib",
                "dev",
                "proc",
                "sys",
                "run",
                "tmp",
                "root",
                "mnt")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.createSymbolicLink(root.resolve("sbin"), Path.of("bin"));
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));

        Path box = busybox.orElse(HostProcess.require("busybox", "busybox-static"));
        progress.accept("busybox " + box);
        List<Path> programs = new ArrayList<>();
        copy(box, root.resolve("bin/busybox"), true);
        programs.add(root.resolve("bin/busybox"));
        for (String applet : HostProcess.run(work, List.of(box.toString(), "--list"))
                .lines()
                .map(String::strip)
                .toList()) {
            Path link = root.resolve("bin").resolve(applet);
            if (!applet.isEmpty() && !applet.contains("/") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }

        List<String> guestClassPath = copyClassPath(root);
        Path webbootHome = root.resolve(HOME.substring(1));
        boolean jna = unpackJnaNative(root);

        List<String> linked = javaModules;
        progress.accept("jlink " + String.join(",", linked));
        Path jre = webbootHome.resolve("jre");
        HostProcess.run(
                work,
                List.of(
                        jdkTool("jlink"),
                        "--add-modules",
                        String.join(",", linked),
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        "--generate-cds-archive",
                        "--output",
                        jre.toString()));
        // Used only with heaps over 32 GiB (no compressed oops); 10 MB the initramfs does not need.
        Files.deleteIfExists(jre.resolve("lib/server/classes_nocoops.jsa"));
        programs.add(jre.resolve("bin/java"));
        try (Stream<Path> libraries = Files.walk(jre.resolve("lib"))) {
            libraries.filter(p -> p.getFileName().toString().endsWith(".so")).forEach(programs::add);
        }
        if (jna) {
            programs.add(webbootHome.resolve("native/libjnidispatch.so"));
        }

        copy(caCertificates, root.resolve("etc/ssl/certs/ca-certificates.crt"), true);
        writeEtc(root);

        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Optional<String> release = Optional.empty();
        if (kernelModules.isPresent()) {
            release = Optional.of(stageModules(work, root, loaded, missing));
        }
        Files.writeString(root.resolve("etc/webboot/modules"), lines(loaded));
        if (kernel.isPresent()) {
            progress.accept("kernel " + kernel.get() + " at " + OWN_KERNEL);
            copy(kernel.get(), root.resolve(OWN_KERNEL.substring(1)), false);
        }
        if (firmware.isPresent()) {
            progress.accept("firmware " + firmware.get());
            copyTree(firmware.get(), root.resolve("lib/firmware"));
        }
        if (wpaSupplicant.isPresent()) {
            Path target = root.resolve("usr/sbin/wpa_supplicant");
            copy(wpaSupplicant.get(), target, true);
            programs.add(target);
        }

        progress.accept("shared libraries (ldd)");
        for (Path program : programs) {
            copyLibraries(work, root, program);
        }

        String javaOptions = "-XX:+UseSerialGC -XX:-UsePerfData -Djava.io.tmpdir=/tmp"
                + (jna ? " -Djna.boot.library.path=$W/native -Djna.nounpack=true" : "");
        writeScript(root.resolve("usr/bin/webboot"), launcher(javaOptions, guestClassPath));
        writeScript(root.resolve("init"), resource("init.sh"));

        boolean cds = false;
        if (classDataSharing) {
            progress.accept("class-data-sharing archive (training runs under unshare --root)");
            cds = makeCdsArchive(work, root, javaOptions, guestClassPath);
        }

        progress.accept("writing " + output + " (" + compression.cliName() + ")");
        TreeArchiver.Written written = TreeArchiver.write(root, output, compression);
        return new InitramfsReport(
                output,
                compression,
                written.compressedBytes(),
                written.archiveBytes(),
                written.files(),
                linked,
                release,
                loaded,
                missing,
                cds);
    }

    /** Copies the class path to /usr/lib/webboot/lib (directories as jars) and returns its entries in the guest. */
    private List<String> copyClassPath(Path root) throws IOException {
        List<String> entries = new ArrayList<>();
        Path lib = root.resolve(HOME.substring(1)).resolve("lib");
        Set<String> names = new TreeSet<>();
        for (Path entry : classPath) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                // target/classes of a module in a build: name the jar after the module directory.
                Path module = entry.toAbsolutePath().getParent();
                name = (module != null && module.getParent() != null
                                ? module.getParent().getFileName().toString()
                                : "classes")
                        + ".jar";
            }
            if (!names.add(name)) {
                name = names.size() + "-" + name;
                names.add(name);
            }
            Path target = lib.resolve(name);
            if (Files.isDirectory(entry)) {
                jarDirectory(entry, target);
            } else if (Files.isRegularFile(entry)) {
                copy(entry, target, false);
            } else {
                throw new java.nio.file.NoSuchFileException(entry.toString());
            }
            entries.add("$W/lib/" + name);
        }
        return entries;
    }

    /** Unpacks JNA's native library for this architecture, so that JNA does not write it to /tmp at each start. */
    private boolean unpackJnaNative(Path root) throws IOException {
        String arch =
                switch (System.getProperty("os.arch")) {
                    case "amd64", "x86_64" -> "linux-x86-64";
                    case "aarch64" -> "linux-aarch64";
                    default -> "linux-" + System.getProperty("os.arch");
                };
        String name = "com/sun/jna/" + arch + "/libjnidispatch.so";
        Path lib = root.resolve(HOME.substring(1)).resolve("lib");
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.sorted().toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    JarEntry entry = file.getJarEntry(name);
                    if (entry != null) {
                        Path target = root.resolve(HOME.substring(1)).resolve("native/libjnidispatch.so");
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                        return true;
                    }
                }
            }
        }
        progress.accept("no " + name + " in the class path: JNA (kexec, modules) will not work");
        return false;
    }

    private String stageModules(Path work, Path root, List<String> loaded, List<String> missing) throws IOException {
        Path source = kernelModules.orElseThrow();
        if (Files.isRegularFile(source)) {
            progress.accept("unpacking " + source);
            Path unpacked = work.resolve("kernel-package");
            HostProcess.run(
                    work,
                    List.of(
                            HostProcess.require("dpkg-deb", "dpkg").toString(),
                            "-x",
                            source.toString(),
                            unpacked.toString()));
            source = unpacked;
        }
        Path tree = releaseDirectory(source);
        String release = kernelRelease.orElse(release(tree));
        progress.accept("kernel modules of " + release + " from " + tree);
        ModuleIndex index = ModuleIndex.read(tree);
        List<String> wanted = modules.isEmpty() ? DriverSelection.defaults() : modules;
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String module : wanted) {
            if (index.file(module).isEmpty()) {
                if (!index.isBuiltin(module)) {
                    missing.add(module);
                }
                continue;
            }
            order.addAll(index.loadOrder(List.of(module), Set.of()));
        }
        if (!missing.isEmpty()) {
            progress.accept("not in this kernel (left out): " + String.join(" ", missing));
        }
        Path target = root.resolve("lib/modules").resolve(release);
        Files.createDirectories(target);
        StringBuilder dep = new StringBuilder();
        for (String module : order) {
            Path file = index.file(module).orElseThrow();
            String relative = tree.relativize(file).toString();
            copy(file, target.resolve(relative), false);
            List<String> needs = new ArrayList<>(index.loadOrder(List.of(module), Set.of()));
            needs.remove(module);
            Collections.reverse(needs); // modules.dep lists the deepest dependency last
            dep.append(relative).append(':');
            for (String need : needs) {
                dep.append(' ').append(tree.relativize(index.file(need).orElseThrow()));
            }
            dep.append('\n');
        }
        Files.writeString(target.resolve("modules.dep"), dep);
        for (String name : List.of("modules.builtin", "modules.builtin.modinfo", "modules.order")) {
            if (Files.isRegularFile(tree.resolve(name))) {
                copy(tree.resolve(name), target.resolve(name), false);
            }
        }
        loaded.addAll(order);
        return release;
    }

    /** {@code lib/modules/RELEASE} itself, or found under a root (an unpacked package or /). */
    private static Path releaseDirectory(Path source) throws IOException {
        if (Files.isDirectory(source.resolve("kernel"))) {
            return source;
        }
        for (String lib : List.of("lib/modules", "usr/lib/modules")) {
            Path modules = source.resolve(lib);
            if (Files.isDirectory(modules)) {
                try (Stream<Path> releases = Files.list(modules)) {
                    List<Path> found = releases.filter(p -> Files.isDirectory(p.resolve("kernel")))
                            .toList();
                    if (found.size() == 1) {
                        return found.get(0);
                    }
                    throw new IOException(
                            modules + ": expected the modules of one kernel release, found " + found.size());
                }
            }
        }
        throw new IOException(source + ": neither a lib/modules/RELEASE directory (with kernel/) nor a root or"
                + " kernel package holding one");
    }

    /** The directory's name when it is a release, else the first word of a module's {@code vermagic}. */
    private static String release(Path tree) throws IOException {
        String name = tree.getFileName().toString();
        if (RELEASE.matcher(name).matches()) {
            return name;
        }
        try (Stream<Path> walk = Files.walk(tree.resolve("kernel"))) {
            Optional<Path> module =
                    walk.filter(p -> p.getFileName().toString().endsWith(".ko")).findFirst();
            if (module.isPresent()) {
                Optional<String> vermagic = vermagic(module.get());
                if (vermagic.isPresent()) {
                    return vermagic.get();
                }
            }
        }
        throw new IOException(tree + ": cannot tell the kernel release (no uncompressed module with a vermagic);"
                + " give --kernel-release");
    }

    private static Optional<String> vermagic(Path module) throws IOException {
        if (Files.size(module) > 64L << 20) {
            return Optional.empty();
        }
        String text = new String(Files.readAllBytes(module), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("vermagic=");
        if (at < 0) {
            return Optional.empty();
        }
        int end = at + "vermagic=".length();
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\0') {
            end++;
        }
        String release = text.substring(at + "vermagic=".length(), end);
        return RELEASE.matcher(release).matches() ? Optional.of(release) : Optional.empty();
    }

    /** Copies every library ldd names for {@code program} (and the dynamic loader) to the same path in the tree. */
    private void copyLibraries(Path work, Path root, Path program) throws IOException {
        String ldd;
        try {
            ldd = HostProcess.run(work, List.of("ldd", program.toString()));
        } catch (IOException e) {
            return; // "not a dynamic executable": busybox-static
        }
        for (String line : ldd.lines().toList()) {
            Matcher m = LDD_PATH.matcher(line);
            if (m.find()) {
                Path library = Path.of(m.group(1));
                if (library.startsWith(root)) {
                    continue;
                }
                Path target = root.resolve(library.toString().substring(1));
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    copy(library, target, true);
                }
            }
        }
    }

    /**
     * Commands whose classes go into the CDS archive: start-up, the catalog (Jackson), the boot flow, the HTTP client,
     * OpenPGP, the readers, run on files that are not what they expect or a port nobody listens on (they fail, after
     * loading their classes). They run in a network namespace of their own: nothing reaches the host's network.
     */
    static final List<List<String>> TRAINING = List.of(
            List.of("--version"),
            List.of("list", "--json"),
            List.of("boot", "--help"),
            List.of("boot", "/etc/hostname", "--dry-run", "--insecure", "-q"),
            List.of("fetch", "http://127.0.0.1:9/webboot.iso", "-o", "/tmp/webboot.iso", "--sha256", "0".repeat(64)),
            List.of(
                    "verify",
                    "--sums",
                    "/etc/hostname",
                    "--sig",
                    "/etc/hostname",
                    "--keyring",
                    "/etc/hostname",
                    "/etc/hostname"),
            List.of("verify", "--sha256", "0".repeat(64), "/etc/hostname"),
            List.of("plan", "/etc/hostname"),
            List.of("initrd", "ls", "/etc/hostname"),
            List.of("modules", "load", "--dry-run", "--dir", "/tmp"));

    /**
     * The {@code /usr/bin/webboot} launcher: {@code webboot.sh} with the JVM's options and class path filled in. It
     * caps the heap from {@code /proc/meminfo} at start (docs/initramfs.md, "The heap").
     */
    static String launcher(String javaOptions, List<String> guestClassPath) throws IOException {
        return resource("webboot.sh")
                .replace("@JAVA_OPTIONS@", javaOptions)
                .replace("@CLASS_PATH@", String.join(":", guestClassPath));
    }

    /**
     * A static CDS archive of the JDK's and webboot's classes, dumped from the class lists of {@link #TRAINING} runs.
     * It replaces the JDK's own archive (lib/server/classes.jsa, then deleted). The runs happen in the staged tree
     * under {@code unshare --root}: the archive records the class path, and the JVM ignores it when that moved.
     */
    private boolean makeCdsArchive(Path work, Path root, String javaOptions, List<String> guestClassPath)
            throws IOException {
        String archive = HOME + "/webboot.jsa";
        List<String> java = new ArrayList<>(List.of(HOME + "/jre/bin/java"));
        for (String option : javaOptions.replace("$W", HOME).split(" ")) {
            java.add(option);
        }
        String cp = String.join(":", guestClassPath).replace("$W", HOME);
        // A private mount namespace with its own /proc (the dynamic loader reads /proc/self/exe for $ORIGIN), then
        // chroot; a user namespace too when not root.
        List<String> chroot = new ArrayList<>(
                List.of(HostProcess.require("unshare", "util-linux").toString()));
        if (!"root".equals(System.getProperty("user.name"))) {
            chroot.add("--map-root-user");
        }
        chroot.addAll(List.of("--mount", "--pid", "--net", "--fork", "--mount-proc=/proc", "--root=" + root));
        LinkedHashSet<String> classes = new LinkedHashSet<>();
        for (int i = 0; i < TRAINING.size(); i++) {
            Path list = root.resolve("tmp/classes-" + i + ".lst");
            List<String> command = new ArrayList<>(chroot);
            command.addAll(java);
            command.addAll(List.of("-XX:DumpLoadedClassList=/tmp/classes-" + i + ".lst", "-cp", cp));
            command.add("dev.webboot.cli.Main");
            command.addAll(TRAINING.get(i));
            HostProcess.runAllowingFailure(work, command);
            if (Files.isRegularFile(list)) {
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    // Each run numbers its classes; the ids matter only for classes of custom loaders (none here).
                    if (!line.contains(" source: ")) {
                        classes.add(line.replaceFirst(" id: \\d+$", ""));
                    }
                }
                Files.delete(list);
            }
        }
        if (classes.isEmpty()) {
            progress.accept("no class-data-sharing archive: the training runs listed no classes");
            return false;
        }
        Files.write(root.resolve("tmp/classes.lst"), classes, StandardCharsets.UTF_8);
        List<String> dump = new ArrayList<>(chroot);
        dump.addAll(List.of(
                HOME + "/jre/bin/java",
                "-Xshare:dump",
                "-XX:SharedClassListFile=/tmp/classes.lst",
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                cp));
        try {
            HostProcess.run(work, dump);
        } catch (IOException e) {
            progress.accept("no class-data-sharing archive: " + e.getMessage());
            return false;
        } finally {
            Files.deleteIfExists(root.resolve("tmp/classes.lst"));
        }
        Path made = root.resolve(archive.substring(1));
        if (!Files.isRegularFile(made)) {
            progress.accept("no class-data-sharing archive: -Xshare:dump wrote none");
            return false;
        }
        progress.accept("class-data-sharing archive: " + classes.size() + " classes, " + Files.size(made) + " bytes");
        Files.delete(root.resolve(HOME.substring(1)).resolve("jre/lib/server/classes.jsa"));
        Path wrapper = root.resolve("usr/bin/webboot");
        Files.writeString(
                wrapper,
                Files.readString(wrapper)
                        .replace("/bin/java ", "/bin/java -XX:SharedArchiveFile=$W/webboot.jsa -Xshare:auto "));
        return true;
    }

    private void writeEtc(Path root) throws IOException {
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        Files.writeString(root.resolve("etc/nsswitch.conf"), "hosts: files dns\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/hostname"), "webboot\n");
        Files.writeString(
                root.resolve("etc/profile"),
                "export PATH=/usr/bin:/usr/sbin:/bin:/sbin\nexport PS1='webboot# '\n"
                        + "echo 'webboot: webboot list | webboot boot ID | webboot --help'\n");
    }

    private String jdkTool(String name) throws IOException {
        Path tool = jdk.resolve("bin").resolve(name);
        if (!Files.isExecutable(tool)) {
            throw new IOException(jdk + ": not a JDK (no bin/" + name + "); give --jdk");
        }
        return tool.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InitramfsBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from webboot's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeScript(Path path, String text) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String lines(List<String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(v).append('\n'));
        return text.toString();
    }

    /** Copies a file (following links) keeping its modification time; {@code executable} keeps it runnable. */
    private static void copy(Path source, Path target, boolean executable) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.createDirectories(to.getParent());
                    Files.createSymbolicLink(to, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    copy(p, to, false);
                }
            }
        }
    }

    /** Jars a class directory with the entry times of its files, so that rebuilding gives the same jar. */
    private static void jarDirectory(Path directory, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            for (Path file : files) {
                JarEntry entry =
                        new JarEntry(directory.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(
                        FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() / 2000 * 2000));
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** The class path of this JVM: the webboot jar when run as {@code java -jar webboot.jar}. */
    private static List<Path> runningClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
