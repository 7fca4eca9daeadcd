package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.Images;
import dev.webboot.iso.iso9660.BootEntry;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.iso9660.IsoVolume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "iso",
        description = "Read ISO 9660 images (Rock Ridge, Joliet, El Torito), also block devices such as /dev/pmem0.",
        subcommands = {IsoCommand.Info.class, ImageLsCommand.class, ImageCatCommand.class, ImageExtractCommand.class})
final class IsoCommand implements ImageCommandGroup {

    @Override
    public ImageFileSystem open(String image) throws IOException {
        return Iso9660FileSystem.open(Images.open(image));
    }

    @Command(
            name = "info",
            description = "Show the volume's label, UUID, size, extensions, boot entries and hybrid layout.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        private IsoCommand group;

        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "One JSON object.")
        private boolean json;

        @Parameters(paramLabel = "IMAGE", description = "The image: a file, a block device, or OUTER!/path.")
        private String image;

        @Override
        public Integer call() throws Exception {
            try (Iso9660FileSystem fs = (Iso9660FileSystem) group.open(image)) {
                IsoVolume volume = fs.volume();
                List<JsonLine> boot = new ArrayList<>();
                for (BootEntry entry : volume.bootEntries()) {
                    boot.add(JsonLine.object()
                            .put("platform", entry.platform().id())
                            .put("emulation", entry.emulation().id())
                            .put("offset", entry.imageOffset())
                            .put("length", entry.imageLength())
                            .put("bootable", entry.bootable()));
                }
                JsonLine line = JsonLine.object()
                        .put("label", volume.label())
                        .put("uuid", volume.uuid())
                        .put("size", volume.volumeSize())
                        .put("rockRidge", volume.rockRidge())
                        .put("joliet", volume.joliet())
                        .put("elTorito", boot)
                        .put("hybrid", volume.hybrid());
                Output.print(spec.commandLine().getOut(), line, json);
            }
            return 0;
        }
    }
}
