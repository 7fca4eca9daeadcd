package dev.webboot.iso.internal.fs;

import dev.webboot.iso.ImageFileSystem;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/** The one store of an image: read-only, as large as the image. */
public final class ImageFileStore extends FileStore {
    private final ImageFileSystem fs;
    private final String type;

    public ImageFileStore(ImageFileSystem fs, String type) {
        this.fs = fs;
        this.type = type;
    }

    @Override
    public String name() {
        return fs.source().name();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public long getTotalSpace() throws IOException {
        return fs.source().size();
    }

    @Override
    public long getUsableSpace() {
        return 0;
    }

    @Override
    public long getUnallocatedSpace() {
        return 0;
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == java.nio.file.attribute.BasicFileAttributeView.class
                || type == java.nio.file.attribute.PosixFileAttributeView.class
                || type == java.nio.file.attribute.UserDefinedFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return ImageFileSystem.VIEWS.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        throw new UnsupportedOperationException("no file store attribute '" + attribute + "'");
    }
}
