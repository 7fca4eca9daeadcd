package dev.webboot.fetch;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** What an image must match before it is usable: the chain of evidence a {@link Fetcher} checks. */
public sealed interface Expectation {
    /** A digest given directly (e.g. {@code --sha256 HEX}). */
    record Digest(HashAlgorithm algorithm, String hex) implements Expectation {
        public Digest {
            hex = hex.strip().toLowerCase(java.util.Locale.ROOT);
            if (hex.length() != algorithm.hexLength() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException(
                        "a " + algorithm.jcaName() + " digest is " + algorithm.hexLength() + " hex digits");
            }
        }
    }

    /**
     * A checksum file naming the image, signed by a detached signature or clearsigned (when {@code signature} is
     * empty and the sums file is clearsigned), by a key of {@code keyring} whose fingerprint is in {@code pinned}
     * (empty: any key of the keyring).
     *
     * @param imageName the name the sums file lists the image under (its base name is compared)
     */
    record SignedSums(URI sums, Optional<URI> signature, Keyring keyring, Set<String> pinned, String imageName)
            implements Expectation {
        public SignedSums {
            pinned = Set.copyOf(pinned);
        }
    }

    /** A detached signature over the image itself (Arch Linux publishes these). */
    record SignedImage(URI signature, Keyring keyring, Set<String> pinned) implements Expectation {
        public SignedImage {
            pinned = Set.copyOf(pinned);
        }
    }

    /** Nothing to check: only accepted with {@code insecure}. */
    record Nothing() implements Expectation {}
}
