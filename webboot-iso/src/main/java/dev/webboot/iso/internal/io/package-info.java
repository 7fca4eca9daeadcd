/** Implementations of {@link dev.webboot.iso.ImageSource}; not API. */
package dev.webboot.iso.internal.io;
