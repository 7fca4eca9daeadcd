/**
 * The ISO 9660 reader: volume descriptors, directory records, Rock Ridge (SUSP/RRIP), Joliet and the El Torito boot
 * catalog, presented as an {@link dev.webboot.iso.internal.fs.ImageTree}. Every length and offset is checked against
 * the image before use, and every chain (continuation areas, descriptors, directory depth) is capped. Not API.
 */
package dev.webboot.iso.internal.iso9660;
