package dev.webboot.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The record of one boot: what was fetched, its size and SHA-256, which key vouched for it, which entry, the final
 * command line, how long each phase took, and the failure if there was one. Each line is written to the log file
 * at once so the file tells what happened even when the boot stops half-way or the machine is reset; each
 * line is also echoed (the command line echoes to standard error).
 *
 * <p>A log that cannot be written (a read-only disk) does not stop a boot: the lines are still echoed and kept in
 * memory, and {@link #file()} is empty.
 */
public final class BootLog implements Closeable {
    /** The file name in the cache directory. */
    public static final String FILE_NAME = "webboot-boot.log";
    /** Where the log goes when there is no cache. */
    public static final Path RUN_LOG = Path.of("/run/webboot/boot.log");

    private final Optional<Path> file;
    private final Optional<FileChannel> writer;
    private final Consumer<String> echo;
    private final Clock clock;
    private final List<String> lines = new ArrayList<>();
    private final Optional<String> openProblem;

    private BootLog(
            Optional<Path> file,
            Optional<FileChannel> writer,
            Consumer<String> echo,
            Clock clock,
            Optional<String> openProblem) {
        this.file = file;
        this.writer = writer;
        this.echo = echo;
        this.clock = clock;
        this.openProblem = openProblem;
    }

    /**
     * Starts a log at {@code file} (its directory is created; an older log there is replaced), echoing every line to
     * {@code echo}.
     */
    public static BootLog open(Path file, Consumer<String> echo) {
        return open(file, echo, Clock.systemUTC());
    }

    static BootLog open(Path file, Consumer<String> echo, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel writer = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new BootLog(Optional.of(file), Optional.of(writer), echo, clock, Optional.empty());
        } catch (IOException | UnsupportedOperationException e) {
            String problem = file + ": cannot write the boot log there (" + e.getMessage() + ")";
            return new BootLog(Optional.empty(), Optional.empty(), echo, clock, Optional.of(problem));
        }
    }

    /** A log kept in memory only, echoing every line to {@code echo}. */
    public static BootLog inMemory(Consumer<String> echo) {
        return new BootLog(Optional.empty(), Optional.empty(), echo, Clock.systemUTC(), Optional.empty());
    }

    /** Where the log goes when the request names no file: in the cache when there is one, else under /run. */
    public static Path defaultLocation(Optional<Path> cache) {
        return cache.map(dir -> dir.resolve(FILE_NAME)).orElse(RUN_LOG);
    }

    /** The log file, when it could be opened. */
    public Optional<Path> file() {
        return file;
    }

    /** Why the log file could not be opened, when it could not. */
    public Optional<String> openProblem() {
        return openProblem;
    }

    /** Adds one line: a time stamp and {@code text} in the file; {@code text} alone to the echo. */
    public synchronized void line(String text) {
        String stamped = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS) + " " + text;
        lines.add(stamped);
        echo.accept(text);
        if (writer.isPresent()) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap((stamped + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    writer.get().write(bytes);
                }
            } catch (IOException e) {
                // The boot matters more than its log; the lines are still echoed and kept.
            }
        }
    }

    /** Makes the lines so far durable on the disk ({@code fsync}): before a kexec, nothing runs after it. */
    public synchronized void sync() {
        if (writer.isPresent() && writer.get().isOpen()) {
            try {
                writer.get().force(true);
            } catch (IOException e) {
                // as in line(): the boot goes on
            }
        }
    }

    /** Every line so far, time-stamped, in order. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer.isPresent()) {
            writer.get().close();
        }
    }
}
