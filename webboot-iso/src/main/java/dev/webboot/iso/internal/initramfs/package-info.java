/** The initramfs reader and writer's implementation: cpio newc parsing, segment scanning and codecs; not API. */
package dev.webboot.iso.internal.initramfs;
