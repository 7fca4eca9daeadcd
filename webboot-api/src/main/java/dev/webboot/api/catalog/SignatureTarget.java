package dev.webboot.api.catalog;

/** What a publisher's OpenPGP signature covers. */
public enum SignatureTarget {
    /** The checksum file (Debian, Ubuntu, Fedora's clearsigned CHECKSUM, ...). */
    SUMS,
    /** The image itself (Arch Linux's {@code .iso.sig}). */
    IMAGE,
    /** Nothing is signed: only a checksum is published. */
    NONE
}
