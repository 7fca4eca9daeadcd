package dev.webboot.cli;

import dev.webboot.iso.ExtractionSummary;
import dev.webboot.iso.ImageExtractor;
import dev.webboot.iso.ImageFileSystem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        try (ImageFileSystem fs = group.open(image)) {
            ExtractionSummary s = ImageExtractor.extract(fs.getPath(path).toAbsolutePath(), destination);
            spec.commandLine()
                    .getErr()
                    .printf(
                            "extracted %d files (%d bytes), %d directories, %d symlinks, %d hard links into %s%s%n",
                            s.files(),
                            s.bytes(),
                            s.directories(),
                            s.symlinks(),
                            s.hardLinks(),
                            destination,
                            s.skippedSpecialFiles() == 0
                                    ? ""
                                    : "; skipped " + s.skippedSpecialFiles() + " device nodes, fifos or sockets");
        }
        return 0;
    }
}
