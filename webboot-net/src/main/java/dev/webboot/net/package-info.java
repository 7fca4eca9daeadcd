/** Downloading and verifying images: resumable single-pass fetch, checksums, OpenPGP, the distro catalog. */
package dev.webboot.net;
