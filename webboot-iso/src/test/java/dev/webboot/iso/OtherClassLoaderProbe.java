package dev.webboot.iso;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link OtherClassLoaderTest}: its class path is this class's directory alone (JDK types only
 * here); webboot-iso and its dependencies are on a class loader it makes, as a plugin host does.
 */
public final class OtherClassLoaderProbe {
    private OtherClassLoaderProbe() {}

    /**
     * Prints what each way of opening the image does.
     *
     * @param args the image, then the class path entries of webboot-iso's loader
     * @throws Exception when the probe itself cannot run
     */
    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        URL[] urls = new URL[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            urls[i - 1] = Path.of(args[i]).toUri().toURL();
        }
        boolean visible;
        try {
            Class.forName("dev.webboot.iso.ImageFormats", false, ClassLoader.getSystemClassLoader());
            visible = true;
        } catch (ClassNotFoundException e) {
            visible = false;
        }
        System.out.println("webboot-iso visible to the system class loader: " + visible);
        try (FileSystem fs = FileSystems.newFileSystem(image)) {
            System.out.println("FileSystems.newFileSystem(path): " + describe(fs));
        } catch (Exception e) {
            System.out.println("FileSystems.newFileSystem(path): " + e);
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            try (FileSystem fs = FileSystems.newFileSystem(image, loader)) {
                System.out.println("FileSystems.newFileSystem(path, loader): " + describe(fs));
            }
            Class<?> formats = loader.loadClass("dev.webboot.iso.ImageFormats");
            try (FileSystem fs =
                    (FileSystem) formats.getMethod("open", Path.class).invoke(null, image)) {
                System.out.println("ImageFormats.open(path): " + describe(fs));
            }
        }
    }

    private static String describe(FileSystem fs) throws java.io.IOException {
        Path hello = fs.getPath("/boot/hello.txt");
        return fs.provider().getScheme() + " " + hello + " "
                + Files.readString(hello).strip();
    }
}
