package dev.webboot.plan.drivers;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.DriverPatch;
import dev.webboot.api.plan.InitramfsFamily;
import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.CpioArchiveWriter;
import dev.webboot.iso.initramfs.EntryAttributes;
import dev.webboot.iso.initramfs.Initramfs;
import dev.webboot.kexec.ModuleFiles;
import dev.webboot.plan.LiveRootFileSystem;
import dev.webboot.plan.internal.ImagePaths;
import dev.webboot.plan.internal.PmemHooks;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * Builds what kexec gets as the initrd of a planned entry: its initrds concatenated, then — when {@code entry.patch()}
 * is present — 0–3 zero bytes to a 4-byte boundary and one newc cpio archive (uncompressed unless {@link
 * #withCompression} says otherwise) holding the nvdimm modules of the patch's kernel version, taken from the ISO's own
 * root file system ({@link LiveRootFileSystem}) with what they depend on, decompressed, in load order, plus the early
 * boot hook of the patch's initramfs family that inserts them. The ISO is only read.
 *
 * <p>The archive holds {@code /webboot/NAME.ko}, {@code /webboot/insmod -> /bin/kmod} and the hook (see {@code
 * docs/driver-injection.md}). It never holds an entry for a directory the initrds already have, looked up through
 * their symlinks: a {@code lib} directory entry would replace a {@code lib -> usr/lib} symlink and break the initrd.
 *
 * <pre>{@code
 * try (FileChannel out = FileChannel.open(file, WRITE, CREATE, TRUNCATE_EXISTING)) {
 *     InjectedInitrd written = DriverInjector.forImage(iso.getPath("/")).write(entry, out);
 * }
 * }</pre>
 */
public final class DriverInjector {
    private static final Logger LOG = LoggerFactory.getLogger(DriverInjector.class);
    private static final EntryAttributes DIRECTORY = EntryAttributes.of(0755);
    private static final EntryAttributes MODULE = EntryAttributes.of(0644);
    private static final EntryAttributes SCRIPT = EntryAttributes.of(0755);
    private static final EntryAttributes LINK = EntryAttributes.of(0777);
    private static final int BUFFER = 64 * 1024;
    /** mkinitcpio's /config is a few hundred bytes; more is not a mkinitcpio config. */
    private static final int MAX_CONFIG = 64 * 1024;

    private final Path isoRoot;
    private final boolean inject;
    private final Compression compression;

    private DriverInjector(Path isoRoot, boolean inject, Compression compression) {
        this.isoRoot = isoRoot;
        this.inject = inject;
        this.compression = compression;
    }

    /** An injector for entries planned from the ISO whose root directory is {@code isoRoot}. */
    public static DriverInjector forImage(Path isoRoot) {
        return new DriverInjector(Objects.requireNonNull(isoRoot, "isoRoot"), true, Compression.NONE);
    }

    /** This injector copying the initrds only, whatever the patch says. */
    public DriverInjector withoutInjection() {
        return new DriverInjector(isoRoot, false, compression);
    }

    /** This injector compressing the appended archive: {@code NONE} (the default), {@code GZIP}, {@code XZ} or {@code ZSTD}. */
    public DriverInjector withCompression(Compression newCompression) {
        if (!newCompression.writable()) {
            throw new IllegalArgumentException(
                    "cannot write " + newCompression.cliName() + "; use none, gzip, xz or zstd");
        }
        return new DriverInjector(isoRoot, inject, newCompression);
    }

    /** How the command line names the ISO: the image file system's source, else the path. */
    String imageName() {
        if (isoRoot.getFileSystem() instanceof ImageFileSystem image) {
            return image.source().name();
        }
        return isoRoot.toString();
    }

    /**
     * The modules {@link #write} would add for {@code entry}, in load order: the patch's and what they depend on, less
     * those built in; none when the entry has no patch or injection is off.
     *
     * @throws MissingDriversException when the ISO's root file system does not have them
     */
    public List<String> modules(BootEntry entry) throws IOException {
        if (!inject || entry.patch().isEmpty()) {
            return List.of();
        }
        refuseFamiliesWithoutHook(entry.patch().get());
        try (RootModules modules =
                RootModules.find(isoRoot, imageName(), entry.patch().get())) {
            return modules.order();
        }
    }

    /** True when the entry needs no patch, or the ISO holds every module its patch names. */
    public boolean modulesFound(BootEntry entry) throws IOException {
        try {
            modules(entry);
            return true;
        } catch (MissingDriversException e) {
            return false;
        }
    }

    /**
     * Writes the entry's initrds and, when it has a patch, the archive with the drivers; {@code out} is not closed.
     * The modules are looked up and decompressed, and the initrds read, before anything is written.
     *
     * @throws MissingDriversException when the patch's modules are neither built in nor in the ISO
     * @throws NoSuchFileException when an initrd of the entry is not in the ISO
     */
    public InjectedInitrd write(BootEntry entry, WritableByteChannel out) throws IOException {
        return write(entry, Channels.newOutputStream(out));
    }

    private InjectedInitrd write(BootEntry entry, OutputStream sink) throws IOException {
        List<Path> initrds = new ArrayList<>();
        for (String initrd : entry.initrds()) {
            initrds.add(ImagePaths.find(isoRoot, initrd)
                    .orElseThrow(() -> new NoSuchFileException(imageName() + "!" + initrd)));
        }
        Optional<DriverPatch> patch = inject ? entry.patch() : Optional.empty();
        CountingStream counted = new CountingStream(sink);
        if (patch.isEmpty()) {
            copy(initrds, counted);
            counted.flush();
            return new InjectedInitrd(counted.count, List.of(), List.of(), "");
        }
        refuseFamiliesWithoutHook(patch.get());
        try (RootModules modules = RootModules.find(isoRoot, imageName(), patch.get());
                ExistingPaths existing = ExistingPaths.of(initrds)) {
            // Decompressed before anything is written, so a damaged module leaves the output untouched.
            List<byte[]> images = new ArrayList<>();
            for (String module : modules.order()) {
                images.add(ModuleFiles.image(modules.file(module)));
            }
            copy(initrds, counted);
            int padding = (int) ((4 - (counted.count & 3)) & 3);
            counted.write(new byte[padding]);
            List<String> added = new ArrayList<>();
            OutputStream compressor = compressor(new FilterOutputStream(counted) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            CpioArchiveWriter archive = new CpioArchiveWriter(compressor);
            Archive writer = new Archive(archive, existing, added);
            writer.directory(PmemHooks.DIRECTORY);
            for (int i = 0; i < images.size(); i++) {
                writer.file(PmemHooks.DIRECTORY + "/" + modules.order().get(i) + ".ko", images.get(i), MODULE);
            }
            writer.symlink(PmemHooks.INSMOD_LINK, PmemHooks.KMOD);
            hook(writer, existing, patch.get().hook(), modules.order(), modules.kernelVersion());
            archive.finish();
            compressor.close();
            counted.flush();
            LOG.debug(
                    "appended {} modules of kernel {} from {} for {}",
                    modules.order().size(),
                    modules.kernelVersion(),
                    modules.rootName(),
                    patch.get().hook().id());
            return new InjectedInitrd(counted.count, modules.order(), added, modules.kernelVersion());
        }
    }

    /** NixOS's stage 1 runs no hook an appended archive could add: its drivers must be in its own initrd. */
    private void refuseFamiliesWithoutHook(DriverPatch patch) throws MissingDriversException {
        if (patch.hook() == InitramfsFamily.NIXOS) {
            throw new MissingDriversException(
                    imageName(),
                    patch.kernelVersion(),
                    patch.modules(),
                    "are not in NixOS's initrd, and NixOS's stage 1 has no early hook webboot could add them with");
        }
    }

    private static void hook(
            Archive writer, ExistingPaths existing, InitramfsFamily family, List<String> modules, String version)
            throws IOException {
        switch (family) {
            case INITRAMFS_TOOLS -> writer.file(
                    PmemHooks.INITRAMFS_TOOLS_HOOK, utf8(PmemHooks.initramfsTools(modules, version)), MODULE);
            case DRACUT -> {
                // dracut ≤ 109 reads lib/dracut/hooks, dracut-ng ≥ 110 var/lib (etc, usr/lib): one copy for each.
                byte[] script = utf8(PmemHooks.dracut(modules, version));
                writer.file(PmemHooks.DRACUT_HOOK, script, SCRIPT);
                writer.file(PmemHooks.DRACUT_NG_HOOK, script, SCRIPT);
            }
            case NIXOS -> throw new IllegalStateException("refused before writing: " + family.id());
            case MKINITCPIO -> {
                writer.file(PmemHooks.MKINITCPIO_HOOK, utf8(PmemHooks.mkinitcpio(modules, version)), SCRIPT);
                // /init sources /config; a later file with the same path replaces it when the kernel unpacks.
                Optional<byte[]> config = existing.read(PmemHooks.MKINITCPIO_CONFIG, MAX_CONFIG);
                if (config.isPresent()) {
                    writer.file(
                            PmemHooks.MKINITCPIO_CONFIG,
                            utf8(PmemHooks.mkinitcpioConfig(new String(config.get(), StandardCharsets.UTF_8))),
                            MODULE);
                } else {
                    LOG.warn("the initrd has no /config: mkinitcpio's /init will not run the webboot_pmem hook");
                }
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private OutputStream compressor(OutputStream out) throws IOException {
        return switch (compression) {
            case GZIP -> new GZIPOutputStream(out, BUFFER);
                // The kernel's xz decoder checks CRC32 only.
            case XZ -> new XZOutputStream(out, new LZMA2Options(), XZ.CHECK_CRC32);
            case ZSTD -> new ZstdOutputStream(out);
            default -> new BufferedOutputStream(out, BUFFER);
        };
    }

    private static void copy(List<Path> initrds, OutputStream out) throws IOException {
        for (Path initrd : initrds) {
            try (InputStream in = Files.newInputStream(initrd)) {
                in.transferTo(out);
            }
        }
    }

    /** Entries of the appended archive: parents that the initrds lack are added, existing directories never. */
    private static final class Archive {
        private final CpioArchiveWriter archive;
        private final ExistingPaths existing;
        private final List<String> added;
        private final Set<String> written = new HashSet<>();

        Archive(CpioArchiveWriter archive, ExistingPaths existing, List<String> added) {
            this.archive = archive;
            this.existing = existing;
            this.added = added;
        }

        void directory(String path) throws IOException {
            if (written.contains(path) || existing.exists(path)) {
                return;
            }
            parents(path);
            archive.directory(path, DIRECTORY);
            record(path);
        }

        void file(String path, byte[] data, EntryAttributes attributes) throws IOException {
            parents(path);
            archive.file(path, data, attributes);
            record(path);
        }

        void symlink(String path, String target) throws IOException {
            parents(path);
            archive.symlink(path, target, LINK);
            record(path);
        }

        private void parents(String path) throws IOException {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                directory(path.substring(0, slash));
            }
        }

        private void record(String path) {
            written.add(path);
            added.add(path);
        }
    }

    /** The paths of an entry's initrds, as the kernel would leave them unpacked (through their symlinks). */
    private static final class ExistingPaths implements Closeable {
        private final List<ImageSource> sources;
        private final List<Initramfs> archives;

        private ExistingPaths(List<ImageSource> sources, List<Initramfs> archives) {
            this.sources = sources;
            this.archives = archives;
        }

        static ExistingPaths of(List<Path> initrds) throws IOException {
            ExistingPaths paths = new ExistingPaths(new ArrayList<>(), new ArrayList<>());
            try {
                for (Path initrd : initrds) {
                    ImageSource source = ImageSources.of(Files.newByteChannel(initrd), initrd.toString());
                    paths.sources.add(source);
                    paths.archives.add(Initramfs.open(source));
                }
                return paths;
            } catch (IOException | RuntimeException e) {
                try {
                    paths.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        boolean exists(String path) {
            for (Initramfs archive : archives) {
                if (archive.exists(path)) {
                    return true;
                }
            }
            return false;
        }

        /** The file's bytes from the last initrd that has it, when it is at most {@code max} bytes. */
        Optional<byte[]> read(String path, int max) throws IOException {
            for (int i = archives.size() - 1; i >= 0; i--) {
                Initramfs archive = archives.get(i);
                if (archive.contentOf(path).isPresent()) {
                    try (InputStream in = archive.newInputStream(path)) {
                        byte[] bytes = in.readNBytes(max + 1);
                        return bytes.length > max ? Optional.empty() : Optional.of(bytes);
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (AutoCloseable c : List.<AutoCloseable>copyOf(archives)) {
                failure = closeQuietly(c, failure);
            }
            for (AutoCloseable c : List.<AutoCloseable>copyOf(sources)) {
                failure = closeQuietly(c, failure);
            }
            if (failure != null) {
                throw failure;
            }
        }

        private static IOException closeQuietly(AutoCloseable c, IOException failure) {
            try {
                c.close();
            } catch (Exception e) {
                IOException io = e instanceof IOException x ? x : new IOException(e);
                if (failure == null) {
                    return io;
                }
                failure.addSuppressed(io);
            }
            return failure;
        }
    }

    /** Counts what goes through, so the padding and the size are exact. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(new BufferedOutputStream(out, BUFFER));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
