package dev.webboot.plan.drivers;

import dev.webboot.api.plan.DriverPatch;
import dev.webboot.kexec.ModuleIndex;
import dev.webboot.kexec.ModuleLoadException;
import dev.webboot.plan.LiveRootFileSystem;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module files a driver patch needs, found in the ISO's root file system: the first root image (in {@link
 * LiveRootFileSystem#candidates} order) that has {@code lib/modules/VERSION} of the patch's kernel, indexed by
 * {@code modules.dep} or, without one, by each module's {@code depends=}. Keeps that file system open until closed,
 * because the module files are read from it.
 */
final class RootModules implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RootModules.class);

    private final LiveRootFileSystem root;
    private final ModuleIndex index;
    private final List<String> order;

    private RootModules(LiveRootFileSystem root, ModuleIndex index, List<String> order) {
        this.root = root;
        this.index = index;
        this.order = order;
    }

    static RootModules find(Path isoRoot, String imageName, DriverPatch patch) throws IOException {
        String version = patch.kernelVersion();
        IOException unreadable = null;
        for (Path candidate : LiveRootFileSystem.candidates(isoRoot)) {
            LiveRootFileSystem fs;
            try {
                fs = LiveRootFileSystem.open(candidate);
            } catch (IOException e) {
                // Not a format webboot reads (or damaged): another image may still hold the modules.
                LOG.debug("cannot open {}: {}", candidate, e.toString());
                unreadable = e;
                continue;
            }
            try {
                Optional<Path> directory = fs.modulesDirectory(version);
                if (directory.isEmpty()) {
                    fs.close();
                    continue;
                }
                ModuleIndex index = ModuleIndex.read(directory.get());
                List<String> missing = missing(index, patch.modules());
                if (!missing.isEmpty() && index.source() == ModuleIndex.Source.MODULES_DEP) {
                    // A depmod without support for the modules' compression leaves them out of modules.dep.
                    index = ModuleIndex.fromModinfo(directory.get());
                    missing = missing(index, patch.modules());
                }
                String found = directory.get().getFileName().toString();
                if (!missing.isEmpty()) {
                    throw new MissingDriversException(imageName, found, missing);
                }
                List<String> order;
                try {
                    order = index.loadOrder(patch.modules(), Set.of());
                } catch (ModuleLoadException e) {
                    MissingDriversException missingDependency =
                            new MissingDriversException(imageName, found, patch.modules());
                    missingDependency.initCause(e);
                    throw missingDependency;
                }
                LOG.debug("modules of {} from {} ({}): {}", found, fs.name(), index.source(), order);
                return new RootModules(fs, index, order);
            } catch (IOException | RuntimeException e) {
                try {
                    fs.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
        MissingDriversException missing = new MissingDriversException(imageName, version, patch.modules());
        if (unreadable != null) {
            missing.initCause(unreadable);
        }
        throw missing;
    }

    private static List<String> missing(ModuleIndex index, List<String> modules) {
        List<String> missing = new ArrayList<>();
        for (String module : modules) {
            if (index.file(module).isEmpty() && !index.isBuiltin(module)) {
                missing.add(module);
            }
        }
        return missing;
    }

    /** The kernel release the modules belong to ({@code 6.1.0-26-amd64}). */
    String kernelVersion() {
        return index.directory().getFileName().toString();
    }

    /** The root image they come from, as the command line names it. */
    String rootName() {
        return root.name();
    }

    /** The modules to add, dependencies first. */
    List<String> order() {
        return order;
    }

    /** A module's file (possibly compressed). */
    Path file(String module) throws IOException {
        return index.file(module).orElseThrow(() -> new IOException("no file for module " + module));
    }

    @Override
    public void close() throws IOException {
        root.close();
    }
}
