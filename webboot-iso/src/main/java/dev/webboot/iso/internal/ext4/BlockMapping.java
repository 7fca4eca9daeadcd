package dev.webboot.iso.internal.ext4;

import java.io.IOException;

/** How a file's logical blocks map to the image: an extent tree or a classic (ext2/3) block map. */
interface BlockMapping {
    /** The run holding logical block {@code block}, as long as the on-disk structure allows. */
    BlockRun run(long block) throws IOException;
}
