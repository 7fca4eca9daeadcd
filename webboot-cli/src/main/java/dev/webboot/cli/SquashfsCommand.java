package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.Images;
import dev.webboot.iso.squashfs.SquashfsFileSystem;
import dev.webboot.iso.squashfs.SquashfsInfo;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "squashfs",
        description = "Read squashfs images (live root file systems), also inside an ISO as ISO!/path.",
        subcommands = {
            SquashfsCommand.Info.class,
            ImageLsCommand.class,
            ImageCatCommand.class,
            ImageExtractCommand.class
        })
final class SquashfsCommand implements ImageCommandGroup {

    @Override
    public ImageFileSystem open(String image) throws IOException {
        return SquashfsFileSystem.open(Images.open(image));
    }

    @Command(name = "info", description = "Show what the superblock says.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        private SquashfsCommand group;

        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "One JSON object.")
        private boolean json;

        @Parameters(paramLabel = "IMAGE", description = "The image: a file, a block device, or OUTER!/path.")
        private String image;

        @Override
        public Integer call() throws Exception {
            try (SquashfsFileSystem fs = (SquashfsFileSystem) group.open(image)) {
                SquashfsInfo info = fs.info();
                JsonLine line = JsonLine.object()
                        .put("size", fs.source().size())
                        .put("bytesUsed", info.bytesUsed())
                        .put("compression", info.compression())
                        .put("blockSize", info.blockSize())
                        .put("inodes", info.inodes())
                        .put("fragments", info.fragments())
                        .put("ids", info.ids())
                        .put("modificationTime", info.modificationTime().toString());
                Output.print(spec.commandLine().getOut(), line, json);
            }
            return 0;
        }
    }
}
