/**
 * Downloading and verifying images: a resumable single-pass fetch into any sink ({@link dev.webboot.fetch.Downloader},
 * {@link dev.webboot.fetch.Fetcher}), checksum files, OpenPGP signatures ({@link dev.webboot.fetch.OpenPgp}) and the
 * distro catalog ({@link dev.webboot.fetch.Catalogs}). Network interface setup is in webboot-net.
 */
package dev.webboot.fetch;
