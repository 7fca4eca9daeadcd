package dev.webboot.plan;

import dev.webboot.api.plan.BootImage;
import dev.webboot.iso.ImageSource;
import dev.webboot.iso.ImageSources;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.iso9660.IsoVolume;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.IsoBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live ISO made by xorriso in a test: files written into a tree, {@code xorriso -as mkisofs} with the distribution's
 * volume label and a fixed modification date (which fixes blkid's UUID), then extracted again by xorriso, so that
 * planning reads what the real tool put into the image.
 */
public final class FixtureIso {
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final String label;
    private final String date;

    /**
     * @param label the volume label
     * @param date the modification date as xorriso takes it, {@code YYYYMMDDhhmmsscc}
     */
    public FixtureIso(String label, String date) {
        this.label = label;
        this.date = date;
    }

    public FixtureIso file(String path, String content) {
        files.put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    public FixtureIso file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** A bzImage header announcing {@code version}. */
    public FixtureIso kernel(String path, String version) {
        return file(path, ImageTrees.kernel(version));
    }

    /** Builds the ISO under {@code work}; returns its path. */
    public Path build(Path work) {
        Path tree = work.resolve("tree");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            ImageTrees.write(tree, file.getKey(), file.getValue());
        }
        Path iso = work.resolve("fixture.iso");
        IsoBuilder.of(tree).label(label).modificationDate(date).build(iso);
        return iso;
    }

    /**
     * The ISO opened with webboot's ISO 9660 file system, and the same ISO extracted by xorriso into a directory (with
     * the same label and UUID), so that a test can check both views plan alike.
     */
    public record Built(Iso9660FileSystem fs, BootImage iso, BootImage extracted) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            fs.close();
        }
    }

    /** Builds the ISO, opens it with {@link Iso9660FileSystem} and extracts it with xorriso. */
    public Built buildAndOpen(Path work) {
        BootImage extracted = buildAndExtract(work);
        try {
            Iso9660FileSystem fs = Iso9660FileSystem.open(work.resolve("fixture.iso"));
            IsoVolume volume = fs.volume();
            return new Built(fs, new BootImage(fs.getPath("/"), volume.label(), volume.uuid()), extracted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the ISO, extracts it with xorriso and returns it with the label and UUID webboot's reader sees. */
    public BootImage buildAndExtract(Path work) {
        Path iso = build(work);
        Path extracted = work.resolve("extracted");
        ExternalTools.run(
                work, "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", extracted.toString());
        try (ImageSource source = ImageSources.open(iso)) {
            IsoVolume volume = IsoVolume.read(source);
            if (!Files.isDirectory(extracted)) {
                throw new AssertionError("xorriso extracted nothing");
            }
            return new BootImage(extracted, volume.label(), volume.uuid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
