package dev.webboot.cli;

import dev.webboot.iso.ImageFileSystem;
import java.io.IOException;

/** A command group over one image format ({@code iso}, {@code squashfs}): its subcommands open images through it. */
interface ImageCommandGroup {
    /** Opens IMAGE (a file, a block device, or {@code OUTER!/path}) as this group's format. */
    ImageFileSystem open(String image) throws IOException;
}
