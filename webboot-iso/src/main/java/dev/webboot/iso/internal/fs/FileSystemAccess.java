package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import java.util.Objects;

/**
 * The bridge through which webboot-iso's internals reach the implementation behind a public {@link ImageFileSystem}
 * without that class exposing internal types in its public signatures (the JDK's {@code SharedSecrets} pattern):
 * {@link ImageFileSystem} installs the {@link Bridge} when it is initialised.
 */
public final class FileSystemAccess {
    /** What {@link ImageFileSystem} lets its package's internals do. */
    public interface Bridge {
        ImageFileSystem.Implementation implementation(ImageFileSystemProvider provider, ImageTree tree);

        ImageFileSystemCore core(ImageFileSystem fs);
    }

    private static volatile Bridge bridge;

    private FileSystemAccess() {}

    /** Called once, by {@link ImageFileSystem}'s static initialiser. */
    public static void install(Bridge installed) {
        if (bridge != null) {
            throw new IllegalStateException("the image file system bridge is installed already");
        }
        bridge = Objects.requireNonNull(installed, "bridge");
    }

    /** What a format reader passes to its {@link ImageFileSystem} subclass's super constructor. */
    public static ImageFileSystem.Implementation implementation(ImageFileSystemProvider provider, ImageTree tree) {
        return bridge().implementation(provider, tree);
    }

    /** The implementation behind {@code fs}. */
    public static ImageFileSystemCore core(ImageFileSystem fs) {
        return bridge().core(fs);
    }

    private static Bridge bridge() {
        Bridge installed = bridge;
        if (installed == null) {
            try {
                // Initialising ImageFileSystem installs the bridge.
                Class.forName(ImageFileSystem.class.getName(), true, ImageFileSystem.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new IllegalStateException(impossible);
            }
            installed = bridge;
        }
        return installed;
    }
}
