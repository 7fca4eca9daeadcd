import dev.webboot.iso.ExtractionSummary;
import dev.webboot.iso.ImageExtractor;
import dev.webboot.iso.ext4.Ext4FileSystem;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an ext4 image with webboot's library API, for scripts/bench/ext4-bench:
 * java -cp CLASSPATH scripts/bench/Ext4Bench.java extract IMAGE DEST   (every file written under DEST)
 * java -cp CLASSPATH scripts/bench/Ext4Bench.java read IMAGE           (every regular file read and discarded)
 */
public class Ext4Bench {
    public static void main(String[] args) throws Exception {
        try (Ext4FileSystem fs = Ext4FileSystem.open(Path.of(args[1]))) {
            if (args[0].equals("extract")) {
                ExtractionSummary summary = ImageExtractor.extract(fs.getPath("/"), Path.of(args[2]));
                System.err.println(summary);
                return;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            long bytes = 0;
            for (Path file : files) {
                try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                    for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
                        bytes += n;
                    }
                }
            }
            System.err.println(files.size() + " files, " + bytes + " bytes");
        }
    }
}
