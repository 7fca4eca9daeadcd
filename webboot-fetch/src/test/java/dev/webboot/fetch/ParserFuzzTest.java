package dev.webboot.fetch;

import dev.webboot.testing.GnuPg;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Mutated checksum files, clearsigned messages, signatures and catalogs (valid ones made by sha256sum/GnuPG/webboot,
 * then bytes flipped and truncated) end in a result or a {@link VerificationException}: never another exception, a
 * hang or an OutOfMemoryError. Fixed seeds and bounded tries keep {@code mvn verify} reproducible.
 */
class ParserFuzzTest {
    /** Valid inputs, made once by the real tools. */
    static final class Seeds {
        static final Seeds INSTANCE = make();

        final byte[] sums;
        final byte[] clearsigned;
        final byte[] signature;
        final byte[] signedData;
        final byte[] catalog;
        final Keyring keyring;

        Seeds(byte[] sums, byte[] clearsigned, byte[] signature, byte[] signedData, byte[] catalog, Keyring keyring) {
            this.sums = sums;
            this.clearsigned = clearsigned;
            this.signature = signature;
            this.signedData = signedData;
            this.catalog = catalog;
            this.keyring = keyring;
        }

        static Seeds make() {
            try {
                Path dir = Files.createTempDirectory("webboot-fuzz");
                GnuPg gpg = new GnuPg(dir);
                String key = gpg.generate("Fuzz <fuzz@example.org>", "ed25519", "never");
                Path sums = dir.resolve("SHA256SUMS");
                Files.writeString(sums, "a".repeat(64) + "  one.iso\nSHA512 (two.iso) = " + "b".repeat(128) + "\n");
                byte[] catalog;
                try (InputStream in = Catalogs.class.getResourceAsStream("catalog/catalog.json")) {
                    catalog = in.readAllBytes();
                }
                return new Seeds(
                        Files.readAllBytes(sums),
                        Files.readAllBytes(gpg.clearsign(key, sums)),
                        Files.readAllBytes(gpg.detachSign(key, sums, false)),
                        Files.readAllBytes(sums),
                        catalog,
                        Keyring.load(gpg.export(dir.resolve("k.gpg"), false, key)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A seed with some bytes replaced and maybe cut short. */
    @Provide
    Arbitrary<Tuple.Tuple3<List<Integer>, List<Byte>, Integer>> mutations() {
        return Combinators.combine(
                        Arbitraries.integers()
                                .between(0, Integer.MAX_VALUE)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        Arbitraries.bytes().list().ofSize(8),
                        Arbitraries.integers().between(0, 100))
                .as(Tuple::of);
    }

    static byte[] mutate(byte[] seed, Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation) {
        byte[] bytes = seed.clone();
        for (int i = 0; i < mutation.get1().size(); i++) {
            bytes[mutation.get1().get(i) % bytes.length] = mutation.get2().get(i);
        }
        int keep = mutation.get3() >= 90 ? bytes.length * (mutation.get3() - 90) / 10 : bytes.length;
        return java.util.Arrays.copyOf(bytes, keep);
    }

    @Property(tries = 300, seed = "20261124")
    void checksumFiles(@ForAll("mutations") Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation) {
        byte[] input = mutate(Seeds.INSTANCE.sums, mutation);
        try {
            ChecksumFile.parse("fuzz", input).find("one.iso");
        } catch (VerificationException expected) {
            // refused in one sentence: fine
        }
    }

    @Property(tries = 200, seed = "20261124")
    void clearsignedMessages(@ForAll("mutations") Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation)
            throws IOException {
        byte[] input = mutate(Seeds.INSTANCE.clearsigned, mutation);
        try {
            OpenPgp.verifyClearsigned(input, "fuzz", Seeds.INSTANCE.keyring, Set.of());
        } catch (VerificationException expected) {
            // refused
        }
    }

    @Property(tries = 200, seed = "20261124")
    void detachedSignatures(@ForAll("mutations") Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation)
            throws IOException {
        byte[] input = mutate(Seeds.INSTANCE.signature, mutation);
        try {
            OpenPgp.verifyDetached(
                    new ByteArrayInputStream(Seeds.INSTANCE.signedData),
                    "data",
                    input,
                    "fuzz",
                    Seeds.INSTANCE.keyring,
                    Set.of());
        } catch (VerificationException expected) {
            // refused
        }
    }

    @Property(tries = 200, seed = "20261124")
    void catalogs(@ForAll("mutations") Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation) {
        byte[] input = mutate(Seeds.INSTANCE.catalog, mutation);
        try {
            Catalogs.parse("fuzz", input);
        } catch (VerificationException expected) {
            // refused
        }
    }

    @Property(tries = 100, seed = "20261124")
    void keyrings(@ForAll("mutations") Tuple.Tuple3<List<Integer>, List<Byte>, Integer> mutation) throws IOException {
        byte[] seed = Files.readAllBytes(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg"));
        try {
            Keyring.read("fuzz", mutate(seed, mutation)).fingerprints();
        } catch (VerificationException expected) {
            // refused
        }
    }

    /** The committed corpus of minimized bad inputs: each is refused with a VerificationException. */
    @net.jqwik.api.Example
    void committedCorpusIsRefused() throws IOException {
        Path root = Path.of("src/test/resources/fuzz");
        for (String format : List.of("checksums", "clearsigned", "catalog", "signature")) {
            try (var files = Files.list(root.resolve(format))) {
                for (Path file : files.toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> replay(format, bytes));
                    org.assertj.core.api.Assertions.assertThat(thrown)
                            .as(file.toString())
                            .isInstanceOf(VerificationException.class);
                }
            }
        }
    }

    private static void replay(String format, byte[] bytes) throws IOException {
        switch (format) {
            case "checksums" -> ChecksumFile.parse("corpus", bytes);
            case "clearsigned" -> OpenPgp.verifyClearsigned(bytes, "corpus", Seeds.INSTANCE.keyring, Set.of());
            case "catalog" -> Catalogs.parse("corpus", bytes);
            case "signature" -> OpenPgp.verifyDetached(
                    new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)),
                    "x",
                    bytes,
                    "corpus",
                    Seeds.INSTANCE.keyring,
                    Set.of());
            default -> throw new AssertionError(format);
        }
    }
}
