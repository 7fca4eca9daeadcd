import dev.webboot.iso.ExtractionSummary;
import dev.webboot.iso.ImageExtractor;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import java.nio.file.Path;

/**
 * Extracts a squashfs image (or one subtree of it) with webboot's library API, for scripts/bench/squashfs-bench:
 * java -cp CLASSPATH scripts/bench/SquashfsExtract.java IMAGE DEST [PATH-IN-IMAGE]
 */
public class SquashfsExtract {
    public static void main(String[] args) throws Exception {
        try (SquashfsFileSystem fs = SquashfsFileSystem.open(Path.of(args[0]))) {
            ExtractionSummary summary =
                    ImageExtractor.extract(fs.getPath(args.length > 2 ? args[2] : "/"), Path.of(args[1]));
            System.err.println(summary);
        }
    }
}
