/**
 * A read-only {@link java.nio.file.FileSystem} over any tree-shaped image format. A format reader implements
 * {@link dev.webboot.iso.internal.fs.ImageTree}; this package supplies paths, the provider, directory streams,
 * attribute views and loop detection, so each format is only its parser. Not API.
 */
package dev.webboot.iso.internal.fs;
