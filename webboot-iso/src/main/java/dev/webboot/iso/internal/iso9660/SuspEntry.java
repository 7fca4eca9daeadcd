package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;

/**
 * One System Use Sharing Protocol entry (IEEE P1281): a two-letter signature, a version and its body (the bytes after
 * the 4-byte header), wherever it was found: in a directory record or in a continuation area.
 */
record SuspEntry(String signature, int version, Fields body) {}
