/**
 * The network side: links, DHCP, DNS and Wi-Fi; resumable downloads, checksum and OpenPGP verification; the distro catalog.
 */
package dev.webboot.net;
