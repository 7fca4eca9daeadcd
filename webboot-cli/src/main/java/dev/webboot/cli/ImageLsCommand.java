package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.ImageWalk;
import dev.webboot.iso.TooManyEntriesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "ls", description = "List a directory of the image (-R: its whole subtree, PATH itself excluded).")
final class ImageLsCommand implements Callable<Integer> {
    @ParentCommand
    private ImageCommandGroup group;

    @Spec
    private CommandSpec spec;

    @Option(names = "-R", description = "List the whole subtree.")
    private boolean recursive;

    @Option(names = "--json", description = "One JSON object per line.")
    private boolean json;

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            description = "Stop with an error after N entries (default: ${DEFAULT-VALUE}); bounds what a hostile image"
                    + " can make a walk do.")
    private long maxEntries = ImageWalk.DEFAULT_MAX_ENTRIES;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a file, a block device, or OUTER!/path.")
    private String image;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "PATH",
            defaultValue = "/",
            description = "A path inside the image.")
    private String path;

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
        try (ImageFileSystem fs = group.open(image)) {
            PrintWriter out = spec.commandLine().getOut();
            ImageListing.list(ImageCommandGroup.pathIn(fs, path), recursive, json, maxEntries, out);
            out.flush();
        }
        return 0;
    }
}
