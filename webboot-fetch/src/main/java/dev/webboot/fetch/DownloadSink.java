package dev.webboot.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Where downloaded bytes go. A sink may already hold bytes from an interrupted earlier run (a file sink keeps them in
 * {@code DEST.part}); the downloader re-reads those once to hash them and asks the server only for the rest.
 *
 * <p>Nothing a sink holds is usable until {@link #commit()}: a file sink renames {@code DEST.part} to {@code DEST}
 * only then; {@link #discard()} makes sure unverified bytes cannot be mistaken for a good image.
 */
public interface DownloadSink extends Closeable {
    /** How many bytes the sink already holds; the next {@link #write} appends after them. */
    long heldBytes() throws IOException;

    /** The validator (a strong ETag or Last-Modified) of the resource the held bytes came from, if recorded. */
    Optional<String> heldValidator() throws IOException;

    /** Remembers the validator of the resource being written, so a later run can resume safely. */
    void recordValidator(String validator) throws IOException;

    /** Feeds the held bytes, in order, to {@code consumer} (to re-hash them on resume); buffers are reused. */
    void readHeld(Consumer<ByteBuffer> consumer) throws IOException;

    /** Appends all remaining bytes of {@code buffer}. */
    void write(ByteBuffer buffer) throws IOException;

    /** Forgets everything held: the next write goes to offset 0. Throws if the sink cannot go back. */
    void restart() throws IOException;

    /** Makes the bytes usable at the destination (they verified). */
    void commit() throws IOException;

    /** Makes sure nothing unverified is usable at the destination (the bytes were refused). */
    void discard() throws IOException;

    /**
     * The download failed before the bytes could be verified (network, deadline, cancellation). Keeps what a later
     * run can resume when it is not usable at the destination (a file's {@code DEST.part}); otherwise behaves like
     * {@link #discard()}.
     */
    void abort() throws IOException;

    /**
     * How many bytes the sink can hold at most, when it is bounded (a block device). A resource the server says is
     * larger is refused before its body is read; one of unknown size fails when it would overflow. Default: unbounded.
     */
    default OptionalLong capacity() throws IOException {
        return OptionalLong.empty();
    }

    /**
     * Where held bytes stay after {@link #abort()} for a later run to resume from (a file's {@code DEST.part}); empty
     * when an abort keeps nothing. Default: empty.
     */
    default Optional<String> keptAfterAbort() {
        return Optional.empty();
    }

    /** A short name for messages, e.g. the destination path. */
    String describe();
}
