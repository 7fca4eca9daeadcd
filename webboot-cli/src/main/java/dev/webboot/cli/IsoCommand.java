package dev.webboot.cli;

import dev.webboot.boot.Plural;
import dev.webboot.iso.ImageFileSystem;
import dev.webboot.iso.Images;
import dev.webboot.iso.iso9660.ElToritoEntry;
import dev.webboot.iso.iso9660.Iso9660FileSystem;
import dev.webboot.iso.iso9660.IsoVolume;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
                // A cut-short image, or a boot catalog that cannot be read, is a malformed file (exit 1, cli.md):
                // the facts that could be read are still printed, with the sentence on stderr and, for --json, in
                // the same line as "error" (so the one line a failing --json command prints carries both).
                Optional<String> problem = volume.truncation()
                        .map(truncation -> image + ": " + truncation)
                        .or(volume::bootCatalogProblem);
                JsonLine line = JsonLine.object()
                        .put("label", volume.label())
                        .put("uuid", volume.uuid())
                        .put("size", volume.volumeSize())
                        .put("imageSize", volume.imageSize())
                        .put("truncated", volume.truncated())
                        .put("rockRidge", volume.rockRidge())
                        .put("joliet", volume.joliet());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    List<JsonLine> boot = new ArrayList<>();
                    for (ElToritoEntry entry : volume.bootEntries()) {
                        boot.add(JsonLine.object()
                                .put("platform", entry.platform().id())
                                .put("emulation", entry.emulation().id())
                                .put("offset", entry.imageOffset())
                                .put("length", entry.imageLength())
                                .put("bootable", entry.bootable()));
                    }
                    line.put("elTorito", boot)
                            .put(
                                    "bootCatalogProblem",
                                    volume.bootCatalogProblem().orElse(null))
                            .put("hybrid", volume.hybrid());
                    problem.ifPresent(sentence -> line.put("error", sentence).put("phase", null));
                    out.println(line);
                } else {
                    line.forEach((key, value) -> out.println(key + ": " + value));
                    out.println("elTorito: " + Plural.of(volume.bootEntries().size(), "entry", "entries")
                            + volume.bootCatalogProblem()
                                    .map(p -> " (the catalog cannot be read)")
                                    .orElse(""));
                    for (ElToritoEntry entry : volume.bootEntries()) {
                        out.println("  " + entry.platform().id() + ", "
                                + (entry.bootable() ? "bootable" : "not bootable")
                                + ", emulation " + entry.emulation().id() + ": "
                                + Plural.of(entry.imageLength(), "byte", "bytes") + " at byte " + entry.imageOffset());
                    }
                    out.println("hybrid: " + volume.hybrid());
                }
                out.flush();
                if (problem.isPresent()) {
                    spec.commandLine().getErr().println("webboot: " + problem.get());
                    return 1;
                }
            }
            return 0;
        }
    }
}
