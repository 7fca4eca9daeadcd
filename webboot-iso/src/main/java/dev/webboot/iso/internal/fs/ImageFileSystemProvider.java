package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider of one image format. {@code FileSystems.newFileSystem(path)} offers every file to every installed
 * provider; a provider answers only for images of its own format (by magic number) and throws {@link
 * UnsupportedOperationException} otherwise, so that the next provider is asked.
 *
 * <p>URIs have the form {@code SCHEME:file:///path/to/image!/path/inside}, as {@code jar:} URIs do.
 */
public abstract class ImageFileSystemProvider extends FileSystemProvider {
    private final String scheme;
    private final Map<URI, ImageFileSystem> byUri = new ConcurrentHashMap<>();

    protected ImageFileSystemProvider(String scheme) {
        this.scheme = scheme;
    }

    /** Whether the source holds an image of this provider's format. */
    protected abstract boolean recognizes(ImageSource source) throws IOException;

    /** Opens the format over a source; the returned file system owns (closes) the source. */
    protected abstract ImageFileSystem open(ImageSource source) throws IOException;

    /** Opens {@code source} as this provider's format when it recognizes it; the file system then owns the source. */
    public final java.util.Optional<ImageFileSystem> tryOpen(ImageSource source) throws IOException {
        return recognizes(source) ? java.util.Optional.of(open(source)) : java.util.Optional.empty();
    }

    @Override
    public final String getScheme() {
        return scheme;
    }

    @Override
    public FileSystem newFileSystem(Path path, Map<String, ?> env) throws IOException {
        ImageSource source = path.getFileSystem() instanceof ImageFileSystem outer
                ? ImageSources.of(Files.newByteChannel(path), outer.source().name() + "!" + path)
                : ImageSources.open(path);
        boolean recognized = false;
        try {
            recognized = recognizes(source);
            if (!recognized) {
                throw new UnsupportedOperationException(path + " is not a " + scheme + " image");
            }
            return open(source);
        } finally {
            if (!recognized) {
                source.close();
            }
        }
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        URI image = imageUri(uri);
        synchronized (byUri) {
            if (byUri.containsKey(image)) {
                throw new FileSystemAlreadyExistsException(image.toString());
            }
            ImageFileSystem fs = (ImageFileSystem) newFileSystem(Path.of(image), env);
            byUri.put(image, fs);
            return fs;
        }
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        ImageFileSystem fs = byUri.get(imageUri(uri));
        if (fs == null) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        String ssp = uri.getRawSchemeSpecificPart();
        int bang = ssp.indexOf("!/");
        String inner = bang < 0 ? "/" : URI.create(ssp.substring(bang + 1)).getPath();
        return getFileSystem(uri).getPath(inner);
    }

    /** Called when a file system closes, so that its URI can be opened again. */
    public void closed(ImageFileSystem fs) {
        byUri.values().remove(fs);
    }

    private URI imageUri(URI uri) {
        if (!scheme.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("URI scheme is not '" + scheme + "': " + uri);
        }
        String ssp = uri.getRawSchemeSpecificPart();
        int bang = ssp.indexOf("!/");
        try {
            return new URI(bang < 0 ? ssp : ssp.substring(0, bang)).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an image URI: " + uri, e);
        }
    }

    private static ImageFileSystemCore core(Path path) {
        if (!(path.getFileSystem() instanceof ImageFileSystem fs)) {
            throw new java.nio.file.ProviderMismatchException("not an image path: " + path);
        }
        return FileSystemAccess.core(fs);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (attrs.length > 0) {
            throw new ReadOnlyFileSystemException();
        }
        return core(path).newByteChannel(path, options);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return core(dir).newDirectoryStream(dir, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createLink(Path link, Path existing) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return core(link).readSymbolicLink(link);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return core(path).isSameFile(path, path2);
    }

    @Override
    public boolean isHidden(Path path) {
        return false;
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        core(path).node(path);
        return path.getFileSystem().getFileStores().iterator().next();
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        core(path).checkAccess(path, modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return core(path).getFileAttributeView(path, type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return core(path).readAttributes(path, type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return core(path).readAttributes(path, attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }
}
