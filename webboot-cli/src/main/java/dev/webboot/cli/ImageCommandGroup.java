package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A command group over one image format ({@code iso}, {@code squashfs}): its subcommands open images through it. */
interface ImageCommandGroup {
    /** Opens IMAGE (a file, a block device, or {@code OUTER!/path}) as this group's format. */
    ImageFileSystem open(String image) throws IOException;

    /**
     * The PATH argument inside {@code fs}, absolute; with {@code .} or {@code ..} in it, named as the file it reaches
     * ({@code /../isolinux.cfg} is {@code /isolinux.cfg}; {@code ..} after a symlink goes up from the link's target,
     * as the lookup does), so that the paths printed are the normal ones of cli.md.
     */
    static Path pathIn(ImageFileSystem fs, String path) throws IOException {
        Path absolute = fs.getPath(path).toAbsolutePath();
        for (Path name : absolute) {
            if (name.toString().equals(".") || name.toString().equals("..")) {
                return absolute.toRealPath(LinkOption.NOFOLLOW_LINKS);
            }
        }
        return absolute;
    }
}
