package dev.webboot.iso.internal.ext4;

/**
 * Consecutive logical blocks of a file that are either stored in consecutive physical blocks or read as zeros (a
 * hole, or an extent allocated but not yet written).
 *
 * @param logical the first logical block
 * @param length how many blocks, at least 1; {@link Long#MAX_VALUE} for a hole that runs to the end of the file
 * @param physical the physical block of {@code logical}, or {@link #ZEROS}
 */
record BlockRun(long logical, long length, long physical) {
    static final long ZEROS = -1;

    static BlockRun zeros(long logical, long length) {
        return new BlockRun(logical, length, ZEROS);
    }

    boolean isZeros() {
        return physical == ZEROS;
    }

    boolean contains(long block) {
        return block >= logical && block - logical < length;
    }
}
