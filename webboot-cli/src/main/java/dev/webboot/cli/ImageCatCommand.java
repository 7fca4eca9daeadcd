package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cat", description = "Write a file of the image to standard output.")
final class ImageCatCommand implements Callable<Integer> {
    @ParentCommand
    private ImageCommandGroup group;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a file, a block device, or OUTER!/path.")
    private String image;

    @Parameters(index = "1", paramLabel = "PATH", description = "A file inside the image.")
    private String path;

    @Override
    public Integer call() throws Exception {
        try (ImageFileSystem fs = group.open(image);
                InputStream in = Files.newInputStream(ImageCommandGroup.pathIn(fs, path))) {
            // The raw descriptor, not System.out: bytes go straight out without a PrintStream's charset or flushing.
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            in.transferTo(out);
            out.flush();
        }
        return 0;
    }
}
