package dev.webboot.iso;

/** What {@link ImageExtractor} wrote. */
public record ExtractionSummary(
        long directories, long files, long symlinks, long hardLinks, long skippedSpecialFiles, long bytes) {}
