package dev.webboot.iso;

/**
 * What {@link ImageExtractor} wrote.
 *
 * @param directories directories created
 * @param files regular files written
 * @param symlinks symbolic links created
 * @param hardLinks hard links created (to a file written before)
 * @param skippedSpecialFiles device nodes, fifos and sockets left out
 * @param bytes bytes of file data written
 * @param skippedExisting entries left as they were because they existed ({@link ImageExtractor.IfExists#SKIP})
 */
public record ExtractionSummary(
        long directories,
        long files,
        long symlinks,
        long hardLinks,
        long skippedSpecialFiles,
        long bytes,
        long skippedExisting) {

    /** A summary of an extraction that found nothing in place. */
    public ExtractionSummary(
            long directories, long files, long symlinks, long hardLinks, long skippedSpecialFiles, long bytes) {
        this(directories, files, symlinks, hardLinks, skippedSpecialFiles, bytes, 0);
    }
}
