package dev.webboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one way the test suites make an ISO: the real {@code xorriso -as mkisofs} on a directory tree, with Rock Ridge.
 * Immutable: each setter returns a new builder.
 *
 * <pre>{@code
 * Path iso = IsoBuilder.of(tree).label("DEBIAN_LIVE").joliet().build(dir.resolve("live.iso"));
 * }</pre>
 */
public final class IsoBuilder {
    private final Path tree;
    private final String label;
    private final boolean joliet;
    private final String modificationDate;
    private final List<String> options;

    private IsoBuilder(Path tree, String label, boolean joliet, String modificationDate, List<String> options) {
        this.tree = tree;
        this.label = label;
        this.joliet = joliet;
        this.modificationDate = modificationDate;
        this.options = List.copyOf(options);
    }

    /** An ISO of the files under {@code tree}, which become the ISO's root. */
    public static IsoBuilder of(Path tree) {
        return new IsoBuilder(Objects.requireNonNull(tree, "tree"), "", false, "", List.of());
    }

    /** The volume label ({@code -V}); xorriso's default when not set. */
    public IsoBuilder label(String volumeLabel) {
        return new IsoBuilder(tree, volumeLabel, joliet, modificationDate, options);
    }

    /** Joliet names besides Rock Ridge ({@code -J}). */
    public IsoBuilder joliet() {
        return new IsoBuilder(tree, label, true, modificationDate, options);
    }

    /**
     * A fixed modification date, {@code YYYYMMDDhhmmsscc}: it is the volume UUID blkid reports, so a test can expect
     * one.
     */
    public IsoBuilder modificationDate(String date) {
        return new IsoBuilder(tree, label, joliet, date, options);
    }

    /** Further {@code mkisofs} options (El Torito, partition tables, ...), in order, before the output. */
    public IsoBuilder options(String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return new IsoBuilder(tree, label, joliet, modificationDate, all);
    }

    /** Runs xorriso; fails the test when it is missing or fails. Returns {@code out}. */
    public Path build(Path out) {
        Path xorriso = ExternalTools.require("xorriso", "xorriso");
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(xorriso.toString(), "-as", "mkisofs", "-quiet", "-R"));
        if (joliet) {
            command.add("-J");
        }
        if (!label.isEmpty()) {
            command.addAll(List.of("-V", label));
        }
        if (!modificationDate.isEmpty()) {
            command.add("--modification-date=" + modificationDate);
        }
        command.addAll(options);
        command.addAll(List.of(
                "-o", out.toAbsolutePath().toString(), tree.toAbsolutePath().toString()));
        ExternalTools.run(out.toAbsolutePath().getParent(), command.toArray(String[]::new));
        return out;
    }
}
