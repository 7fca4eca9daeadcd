package dev.webboot.iso.internal.fs;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A directory's entries read one at a time, so that listing a directory of a million entries holds one entry in
 * memory, not a million.
 */
@FunctionalInterface
public interface EntryCursor extends Closeable {

    /** The next entry in on-disk order, or empty after the last. */
    Optional<ImageNode> next() throws IOException;

    @Override
    default void close() throws IOException {}

    /** A cursor over entries already in memory. */
    static EntryCursor of(List<ImageNode> entries) {
        Iterator<ImageNode> it = entries.iterator();
        return () -> it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
