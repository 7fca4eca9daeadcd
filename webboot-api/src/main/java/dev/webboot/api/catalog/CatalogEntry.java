package dev.webboot.api.catalog;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One bootable distribution release in the catalog.
 *
 * @param id the short name used on the command line, e.g. {@code debian-live}
 * @param name the human name
 * @param version the release
 * @param arch the CPU architecture, e.g. {@code x86_64}
 * @param url the image
 * @param mirrors other places with the same image, tried in order
 * @param sums the checksum file, if the publisher has one
 * @param signature the OpenPGP signature, if the publisher signs
 * @param signatureCovers what the signature covers ({@code SUMS} without a signature URL: a clearsigned sums file)
 * @param fingerprints the signing keys trusted for this entry (primary-key fingerprints, upper-case hex)
 * @param keyResources class-path resources holding those keys; empty when webboot could not obtain them
 * @param family the boot family expected (casper, live-boot, archiso, dracut, ...)
 * @param minPmemBytes the smallest RAM disk the image fits in
 * @param checked the date the URL and keys were last checked, or a sentence saying they were not
 * @param notes anything a user should know (e.g. an unconfirmed key)
 */
public record CatalogEntry(
        String id,
        String name,
        String version,
        String arch,
        URI url,
        List<URI> mirrors,
        Optional<URI> sums,
        Optional<URI> signature,
        SignatureTarget signatureCovers,
        List<String> fingerprints,
        List<String> keyResources,
        String family,
        long minPmemBytes,
        String checked,
        String notes) {
    public CatalogEntry {
        mirrors = List.copyOf(mirrors);
        fingerprints = List.copyOf(fingerprints);
        keyResources = List.copyOf(keyResources);
    }

    /** How the image is verified: {@code openpgp} when signed, else the digest the sums file offers. */
    public String verification() {
        // SUMS with no separate signature means a clearsigned checksum file (Fedora's CHECKSUM).
        if (signatureCovers == SignatureTarget.IMAGE && signature.isPresent()
                || signatureCovers == SignatureTarget.SUMS && sums.isPresent()) {
            return "openpgp";
        }
        if (sums.isPresent()) {
            String path = sums.get().getPath().toLowerCase(java.util.Locale.ROOT);
            return path.contains("md5") ? "md5" : path.contains("512") ? "sha512" : "sha256";
        }
        return "none";
    }
}
