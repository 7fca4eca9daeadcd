package dev.webboot.kexec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.webboot.kexec.internal.Errno;
import dev.webboot.kexec.internal.LinuxSyscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads kernel modules and what they depend on, as {@code modprobe} would, without kmod: order from a {@link
 * ModuleIndex}, skipping modules already loaded ({@code /proc/modules}) or built in; plain {@code .ko} files are
 * inserted with {@code finit_module}, compressed ones are decompressed in Java and inserted with {@code init_module}.
 *
 * <p>This is how webboot's own initramfs brings up {@code nd_pmem} and the network drivers before anything else runs.
 */
public final class KernelModules {
    private static final Logger LOG = LoggerFactory.getLogger(KernelModules.class);

    private final ModuleIndex index;
    private final Path procModules;
    private final Architecture architecture;

    /**
     * @param index the modules of the running kernel's release
     * @param procModules the list of loaded modules ({@code /proc/modules}); a missing file means none
     */
    public KernelModules(ModuleIndex index, Path procModules) {
        this(index, procModules, Architecture.current());
    }

    private KernelModules(ModuleIndex index, Path procModules, Architecture architecture) {
        this.index = index;
        this.procModules = procModules;
        this.architecture = architecture;
    }

    /** The modules of the running kernel: {@code /lib/modules/$(uname -r)} and {@code /proc/modules}. */
    public static KernelModules running() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII)
                .strip();
        return new KernelModules(ModuleIndex.read(Path.of("/lib/modules", release)), Path.of("/proc/modules"));
    }

    /** The index used. */
    public ModuleIndex index() {
        return index;
    }

    /** The names of the loaded modules ({@code /proc/modules}). */
    public Set<String> loaded() throws IOException {
        if (!Files.exists(procModules)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (String line : Files.readAllLines(procModules, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                names.add(ModuleFiles.canonical(line.substring(0, space)));
            }
        }
        return names;
    }

    /** The modules that {@link #load} would insert, in order. */
    public List<String> plan(Collection<String> modules) throws IOException {
        return index.loadOrder(modules, loaded());
    }

    /**
     * Inserts the named modules and their dependencies, in order; with {@code dryRun}, reads and checks every module
     * file (decompressing it and reading its {@code .modinfo}) but inserts nothing.
     *
     * @return the modules inserted (or that would be), in order
     */
    public List<String> load(Collection<String> modules, boolean dryRun) throws IOException {
        List<String> order = plan(modules);
        List<String> done = new ArrayList<>();
        for (String name : order) {
            Path file = index.file(name).orElseThrow();
            if (dryRun) {
                ModuleFiles.info(file);
            } else {
                insert(name, file);
            }
            done.add(name);
        }
        return List.copyOf(done);
    }

    private void insert(String name, Path file) throws IOException {
        String fileName = file.getFileName().toString();
        try {
            if (fileName.endsWith(".ko")) {
                int fd = LinuxSyscalls.openReadOnly(file.toString());
                try {
                    LinuxSyscalls.finitModule(architecture.finitModuleNumber(), fd, "", 0);
                } finally {
                    LinuxSyscalls.closeQuietly(fd);
                }
            } else {
                byte[] image = ModuleFiles.image(file);
                Memory memory = new Memory(image.length);
                memory.write(0, image, 0, image.length);
                LinuxSyscalls.initModule(architecture.initModuleNumber(), memory, "");
            }
            LOG.info("loaded module {} ({})", name, file);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EEXIST) {
                LOG.debug("module {} is already loaded", name);
                return;
            }
            throw failure(name, file, e.getErrorCode());
        }
    }

    private static ModuleLoadException failure(String name, Path file, int errno) {
        String why =
                switch (errno) {
                    case Errno.EPERM -> "EPERM: run as root (it needs CAP_SYS_MODULE); module loading may also be"
                            + " disabled (kernel.modules_disabled) or the kernel locked down";
                    case Errno.ENOEXEC -> "ENOEXEC: it is not a module this kernel can load (built for another"
                            + " kernel release or architecture?)";
                    case Errno.ENOENT -> "ENOENT: it needs a symbol no loaded module provides; load its dependencies"
                            + " first (see dmesg)";
                    case Errno.EKEYREJECTED, Errno.EBADMSG, Errno.ENOKEY -> "signature rejected (errno " + errno
                            + "): the kernel enforces module signatures and this one is not signed with a trusted key";
                    case Errno.EINVAL -> "EINVAL: the module or its parameters are invalid (see dmesg)";
                    case Errno.ENOMEM -> "ENOMEM: not enough memory";
                    case Errno.ENOSYS -> "ENOSYS: the kernel was built without module support";
                    case Errno.EBUSY -> "EBUSY: the module's initialisation is still running";
                    default -> "errno " + errno + " (see dmesg)";
                };
        return new ModuleLoadException(file + ": cannot load module " + name + ": " + why, errno);
    }
}
