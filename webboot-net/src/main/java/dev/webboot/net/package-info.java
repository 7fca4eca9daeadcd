/**
 * Networking for webboot. This package: downloading and verifying images (resumable single-pass fetch into any sink,
 * checksum files, OpenPGP, the distro catalog); link bring-up, DHCP and Wi-Fi live in the subpackages.
 */
package dev.webboot.net;
