package dev.webboot.cli;

import dev.webboot.boot.Plural;
import dev.webboot.iso.ExtractionSummary;
import dev.webboot.iso.ImageExtractor;
import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageWalk;
import dev.webboot.iso.TooManyEntriesException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "extract",
        description =
                "Copy a file or directory (default: everything) out of the image into DIR; never writes outside DIR.")
final class ImageExtractCommand implements Callable<Integer> {
    @ParentCommand
    private ImageCommandGroup group;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a file, a block device, or OUTER!/path.")
    private String image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/", description = "What to extract.")
    private String path;

    @Option(names = "-o", required = true, paramLabel = "DIR", description = "The destination directory.")
    private Path destination;

    @ArgGroup(exclusive = true)
    private Existing existing;

    /** What a second run into the same DIR does with what the first one wrote; without either, it stops there. */
    static final class Existing {
        @Option(
                names = "--overwrite",
                required = true,
                description = "Replace files and symlinks that exist in DIR (never following a symlink there).")
        boolean overwrite;

        @Option(names = "--skip-existing", required = true, description = "Keep what exists in DIR and go on.")
        boolean skipExisting;

        ImageExtractor.IfExists ifExists() {
            return overwrite ? ImageExtractor.IfExists.OVERWRITE : ImageExtractor.IfExists.SKIP;
        }
    }

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            description = "Stop with an error after N entries (default: ${DEFAULT-VALUE}); bounds what a hostile image"
                    + " can make a walk do.")
    private long maxEntries = ImageWalk.DEFAULT_MAX_ENTRIES;

    @Override
    public Integer call() throws Exception {
        try {
            return walk();
        } catch (TooManyEntriesException e) {
            throw new IOException(
                    image + ": more than " + e.limit() + " entries below " + e.start()
                            + "; --max-entries N allows more",
                    e);
        }
    }

    private int walk() throws IOException {
        ImageExtractor.IfExists ifExists = existing == null ? ImageExtractor.IfExists.REFUSE : existing.ifExists();
        try (ImageFileSystem fs = group.open(image)) {
            ExtractionSummary s;
            try {
                s = ImageExtractor.extract(ImageCommandGroup.pathIn(fs, path), destination, ifExists, maxEntries);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(
                        e.getFile(),
                        null,
                        "exists; nothing was overwritten (--overwrite replaces what exists, --skip-existing keeps it)");
            }
            spec.commandLine()
                    .getErr()
                    .printf(
                            "extracted %s (%s), %s, %s, %s into %s%s%s%n",
                            Plural.of(s.files(), "file", "files"),
                            Plural.of(s.bytes(), "byte", "bytes"),
                            Plural.of(s.directories(), "directory", "directories"),
                            Plural.of(s.symlinks(), "symlink", "symlinks"),
                            Plural.of(s.hardLinks(), "hard link", "hard links"),
                            destination,
                            s.skippedExisting() == 0
                                    ? ""
                                    : "; kept " + Plural.of(s.skippedExisting(), "entry", "entries") + " that existed",
                            s.skippedSpecialFiles() == 0
                                    ? ""
                                    : "; skipped " + s.skippedSpecialFiles() + " device nodes, fifos or sockets");
        }
        return 0;
    }
}
