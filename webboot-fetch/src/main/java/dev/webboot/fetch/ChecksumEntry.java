package dev.webboot.fetch;

/**
 * One line of a checksum file.
 *
 * @param fileName the file it names; empty for a single-digest file such as {@code image.iso.sha256}
 * @param algorithm the digest algorithm
 * @param hex the digest, lower case
 */
public record ChecksumEntry(String fileName, HashAlgorithm algorithm, String hex) {}
