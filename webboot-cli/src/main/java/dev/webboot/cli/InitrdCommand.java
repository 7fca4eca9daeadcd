package dev.webboot.cli;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.api.plan.BootPlan;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.Images;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.EntryAttributes;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.initramfs.InitramfsWriter;
import dev.webboot.iso.initramfs.MemberType;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.plan.BootPlanner;
import dev.webboot.plan.NoBootEntryException;
import dev.webboot.plan.drivers.DriverInjector;
import dev.webboot.plan.drivers.InjectedInitrd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot initrd ls|cat|append|inject}: initrds read and extended the way the kernel unpacks them. */
@Command(
        name = "initrd",
        mixinStandardHelpOptions = true,
        description = "List, read and extend initrds (cpio archives, each uncompressed or compressed its own way).",
        subcommands = {
            InitrdCommand.Ls.class,
            InitrdCommand.Cat.class,
            InitrdCommand.Append.class,
            InitrdCommand.Inject.class
        })
public final class InitrdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: ls, cat, append or inject");
    }

    /** {@code webboot initrd ls [--json] INITRD}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List every member, segment by segment.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Parameters(
                index = "0",
                paramLabel = "INITRD",
                description = "The initrd: a file, or OUTER!/path inside an image (e.g. live.iso!/live/initrd.img).")
        String initrd;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ImageSource source = Images.open(initrd);
                    Initramfs initramfs = Initramfs.open(source)) {
                for (InitramfsMember m : initramfs.members()) {
                    out.println(json ? json(m) : text(m));
                }
            }
            out.flush();
            return 0;
        }

        private static String text(InitramfsMember m) {
            String line = String.format(
                    "%d %-5s %-7s %06o %5d %5d %10d %s",
                    m.segment(),
                    m.compression().cliName(),
                    m.type().cliName(),
                    m.mode(),
                    m.uid(),
                    m.gid(),
                    m.size(),
                    m.path());
            if (m.type() == MemberType.SYMLINK) {
                return line + " -> " + m.linkTarget();
            }
            return m.hardLinkTo().isEmpty() ? line : line + " link to " + m.hardLinkTo();
        }

        private static String json(InitramfsMember m) {
            JsonLine line = JsonLine.object()
                    .put("segment", m.segment())
                    .put("compression", m.compression().cliName())
                    .put("path", m.path())
                    .put("type", m.type().cliName())
                    .put("size", m.size())
                    .put("mode", m.mode() & 07777)
                    .put("uid", m.uid())
                    .put("gid", m.gid())
                    .put("mtime", m.mtime());
            if (m.type() == MemberType.SYMLINK) {
                line.put("target", m.linkTarget());
            }
            if (!m.hardLinkTo().isEmpty()) {
                line.put("hardLinkTo", m.hardLinkTo());
            }
            return line.toString();
        }
    }

    /** {@code webboot initrd cat INITRD PATH}. */
    @Command(
            name = "cat",
            mixinStandardHelpOptions = true,
            description = "Print the bytes the kernel leaves at PATH (the last member with that path).")
    static final class Cat implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "INITRD",
                description = "The initrd: a file, or OUTER!/path inside an image (e.g. live.iso!/live/initrd.img).")
        String initrd;

        @Parameters(index = "1", paramLabel = "PATH", description = "A path inside the initrd.")
        String path;

        @Override
        public Integer call() throws IOException {
            OutputStream out = System.out;
            try (ImageSource source = Images.open(initrd);
                    Initramfs initramfs = Initramfs.open(source);
                    InputStream in = initramfs.newInputStream(path)) {
                in.transferTo(out);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code webboot initrd append INITRD -o OUT [--compress none|gzip|xz|zstd] SRC=DEST…}. */
    @Command(
            name = "append",
            mixinStandardHelpOptions = true,
            description = "Write OUT: INITRD's bytes unchanged, then one new cpio archive holding each SRC at DEST.")
    static final class Append implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INITRD", description = "The initrd to extend; never modified.")
        Path initrd;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "OUT",
                description = "The file to write.")
        Path output;

        @Option(
                names = "--compress",
                defaultValue = "none",
                paramLabel = "none|gzip|xz|zstd",
                description = "How to compress the new archive (default: ${DEFAULT-VALUE}).")
        String compress;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "SRC=DEST",
                description = "A file, directory (added recursively) or symlink on this machine, and its path in"
                        + " the initrd.")
        List<String> mappings = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Compression compression = CompressionOption.parse(spec.commandLine(), compress);
            List<Path> sources = new ArrayList<>();
            List<String> destinations = new ArrayList<>();
            for (String mapping : mappings) {
                int eq = mapping.indexOf('=');
                if (eq <= 0 || eq == mapping.length() - 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "expected SRC=DEST, not " + mapping);
                }
                Path source = Path.of(mapping.substring(0, eq));
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new NoSuchFileException(source.toString());
                }
                sources.add(source);
                destinations.add(mapping.substring(eq + 1));
            }
            if (Files.exists(output) && Files.isSameFile(initrd, output)) {
                throw new IOException(output + ": OUT must not be INITRD itself");
            }
            try (InitramfsWriter writer = InitramfsWriter.append(initrd, output, compression)) {
                for (int i = 0; i < sources.size(); i++) {
                    add(writer, sources.get(i), destinations.get(i));
                }
            }
            return 0;
        }

        private static void add(InitramfsWriter writer, Path source, String destination) throws IOException {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String relative = source.relativize(p).toString();
                    String dest = relative.isEmpty() ? destination : destination + "/" + relative;
                    PosixFileAttributes attributes =
                            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    // Owned by root, as everything in an initramfs is; permissions and time as on this machine.
                    EntryAttributes entry = new EntryAttributes(
                            permissions(p, attributes),
                            0,
                            0,
                            Math.max(0, attributes.lastModifiedTime().toMillis() / 1000));
                    if (attributes.isSymbolicLink()) {
                        writer.symlink(dest, Files.readSymbolicLink(p).toString(), entry);
                    } else if (attributes.isDirectory()) {
                        writer.directory(dest, entry);
                    } else if (attributes.isRegularFile()) {
                        writer.file(dest, p, entry);
                    } else {
                        throw new IOException(p + ": not a file, directory or symlink");
                    }
                }
            }
        }

        private static int permissions(Path p, PosixFileAttributes attributes) throws IOException {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer bits) {
                return bits & 07777;
            }
            int bits = 0;
            for (PosixFilePermission permission : attributes.permissions()) {
                bits |= 0400 >> permission.ordinal();
            }
            return bits;
        }
    }

    /** {@code webboot initrd inject ISO [--entry N] -o OUT [--compress none|gzip|xz|zstd] [--no-inject] [--json]}. */
    @Command(
            name = "inject",
            mixinStandardHelpOptions = true,
            description =
                    "Write OUT: the initrd kexec gets for an entry of the ISO's plan — its initrds, then, when the"
                            + " plan has a driver patch, one archive with the ISO's own pmem modules and the early hook.")
    static final class Inject implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ISO", description = "The ISO: a file, a block device or OUTER!/path.")
        String image;

        @Option(
                names = "--entry",
                paramLabel = "N",
                description = "The entry of `webboot plan`, from 0 (default: the menu's default entry).")
        Integer entry;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "OUT",
                description = "The file to write.")
        Path output;

        @Option(
                names = "--compress",
                defaultValue = "none",
                paramLabel = "none|gzip|xz|zstd",
                description = "How to compress the appended archive (default: ${DEFAULT-VALUE}, 4-byte aligned).")
        String compress;

        @Option(names = "--no-inject", description = "Copy the entry's initrds only, whatever the plan's patch says.")
        boolean noInject;

        @Option(names = "--json", description = "One JSON object saying what was written.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Compression compression = CompressionOption.parse(spec.commandLine(), compress);
            InjectedInitrd written;
            try (Iso9660FileSystem fs = Iso9660FileSystem.open(Images.open(image))) {
                BootPlan plan = BootPlanner.standard().plan(fs, BootMedium.pmem());
                BootEntry chosen = chosen(plan);
                DriverInjector injector =
                        DriverInjector.forImage(fs.getPath("/")).withCompression(compression);
                if (noInject) {
                    injector = injector.withoutInjection();
                }
                Path temporary = output.resolveSibling(output.getFileName() + ".part");
                try (FileChannel out = FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    written = injector.write(chosen, out);
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(temporary);
                    throw e;
                }
                Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING);
            } catch (NoBootEntryException e) {
                throw new NoBootEntryException(image + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonLine.object()
                        .put("size", written.size())
                        .put("kernelVersion", written.kernelVersion())
                        .put("modules", written.addedModules())
                        .put("paths", written.addedPaths()));
            } else if (written.injected()) {
                out.println(output + ": " + written.size() + " bytes; added " + String.join(" ", written.addedModules())
                        + " of kernel " + written.kernelVersion());
            } else {
                out.println(output + ": " + written.size() + " bytes; nothing added");
            }
            out.flush();
            return 0;
        }

        private BootEntry chosen(BootPlan plan) throws NoBootEntryException {
            if (entry == null) {
                return plan.defaultEntry().orElseThrow(() -> new NoBootEntryException("the plan has no entry"));
            }
            if (entry < 0 || entry >= plan.entries().size()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--entry must be 0 to " + (plan.entries().size() - 1) + ", not " + entry);
            }
            return plan.entries().get(entry);
        }
    }
}
