package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.testing.ExternalTools;
import dev.webboot.testing.GnuPg;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {
    @Test
    void theBuiltInCatalogHasEveryDistroAndItsShippedKeysMatchThePins() throws Exception {
        Catalog catalog = Catalogs.builtIn();
        assertThat(catalog.entries())
                .extracting(CatalogEntry::id)
                .containsExactly(
                        "archlinux",
                        "fedora",
                        "opensuse",
                        "tinycore",
                        "ubuntu",
                        "debian-live",
                        "linuxmint",
                        "manjaro",
                        "kali",
                        "systemrescue",
                        "nixos");
        for (CatalogEntry entry : catalog.entries()) {
            Keyring keys = Catalogs.keyring(entry);
            assertThat(keys.fingerprints()).containsAll(entry.fingerprints());
            assertThat(entry.checked()).isNotBlank();
            if (entry.fingerprints().isEmpty()) {
                assertThat(entry.notes())
                        .as(entry.id() + " says why it pins no key")
                        .isNotBlank();
            }
            assertThat(Catalogs.expectation(entry, Keyring.empty())).isNotNull();
        }
        assertThat(catalog.find("debian-live").orElseThrow().verification()).isEqualTo("openpgp");
        assertThat(catalog.find("tinycore").orElseThrow().verification()).isEqualTo("md5");
        assertThat(catalog.find("nixos").orElseThrow().verification()).isEqualTo("sha256");
    }

    @Test
    void everyShippedKeyFileHoldsExactlyThePinnedFingerprintsAsGnuPgComputesThem(@TempDir Path dir) throws Exception {
        // GnuPG is the peer: it computes each shipped key's primary fingerprint independently of Bouncy Castle, so a
        // wrong or swapped key file fails here instead of being shipped silently.
        GnuPg gpg = new GnuPg(dir);
        Catalog catalog = Catalogs.builtIn();
        Set<String> referenced = new java.util.TreeSet<>();
        int pinned = 0;
        for (CatalogEntry entry : catalog.entries()) {
            Set<String> fromGpg = new java.util.TreeSet<>();
            for (String resource : entry.keyResources()) {
                referenced.add(resource);
                byte[] key;
                try (var in = Catalogs.class.getResourceAsStream("catalog/" + resource)) {
                    assertThat(in)
                            .as(entry.id() + ": " + resource + " is shipped")
                            .isNotNull();
                    key = in.readAllBytes();
                }
                Path file = dir.resolve(resource.replace('/', '_'));
                Files.write(file, key);
                ExternalTools.Result shown = gpg.gpg("--show-keys", "--with-colons", file.toString());
                assertThat(shown.exitCode()).as(shown.stderr()).isZero();
                fromGpg.addAll(primaryFingerprints(shown.stdoutText()));
                assertThat(Keyring.read(resource, key).fingerprints())
                        .as(entry.id() + ": Bouncy Castle and GnuPG agree on " + resource)
                        .containsExactlyInAnyOrderElementsOf(primaryFingerprints(shown.stdoutText()));
            }
            assertThat(fromGpg)
                    .as(entry.id() + ": key files hold exactly the pinned keys")
                    .isEqualTo(new java.util.TreeSet<>(entry.fingerprints()));
            pinned += entry.fingerprints().size();
        }
        assertThat(pinned).as("pinned keys in the built-in catalog").isEqualTo(6);
        try (var files =
                Files.list(Path.of(Catalogs.class.getResource("catalog/keys").toURI()))) {
            assertThat(files.map(f -> "keys/" + f.getFileName()))
                    .as("every key file under keys/ is used by an entry")
                    .containsExactlyInAnyOrderElementsOf(referenced);
        }
    }

    /** The {@code fpr} record that follows each {@code pub} record of {@code gpg --with-colons}. */
    private static java.util.List<String> primaryFingerprints(String colons) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean afterPub = false;
        for (String line : colons.split("\n")) {
            String[] f = line.split(":", -1);
            if (f[0].equals("fpr") && afterPub) {
                out.add(f[9]);
            }
            afterPub = f[0].equals("pub");
        }
        return out;
    }

    @Test
    void malformedCatalogsAreRefusedInOneSentence() {
        assertThatThrownBy(() -> Catalogs.parse("c.json", "{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("c.json: not JSON");
        assertThatThrownBy(() ->
                        Catalogs.parse("c.json", "{\"schema\":2,\"entries\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("c.json: catalog schema 2 is not the supported 1");
        assertThatThrownBy(() -> Catalogs.parse(
                        "c.json", "{\"schema\":1,\"entries\":[{\"id\":\"x\"}]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("c.json: entry \"x\" has no \"name\"");
    }

    @Test
    void aCatalogFromAUrlMustBeSignedByTheCatalogKey(@TempDir Path dir) throws Exception {
        GnuPg gpg = new GnuPg(dir);
        String key = gpg.generate("Catalog <catalog@webboot.dev>", "ed25519", "never");
        String other = gpg.generate("Other <other@webboot.dev>", "ed25519", "never");
        Keyring keys = Keyring.load(gpg.export(dir.resolve("keys.gpg"), false, key, other));
        byte[] json;
        try (var in = Catalogs.class.getResourceAsStream("catalog/catalog.json")) {
            json = in.readAllBytes();
        }
        Path file = dir.resolve("catalog.json");
        Files.write(file, json);
        byte[] signature = Files.readAllBytes(gpg.detachSign(key, file, false));
        byte[] tampered = new String(json, StandardCharsets.UTF_8)
                .replace("geo.mirror.pkgbuild.com", "evil.example.org")
                .getBytes(StandardCharsets.UTF_8);
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new FilesDispatcher()
                .put("/catalog.json", json)
                .put("/catalog.json.sig", signature)
                .put("/tampered.json", tampered)
                .put("/tampered.json.sig", signature));
        server.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Fetcher fetcher = new Fetcher(Downloader.builder()
                    .environment(Map.of())
                    .backoff(Duration.ofMillis(1), Duration.ofMillis(1))
                    .build());
            String url = server.url("/catalog.json").toString();
            Catalog catalog = Catalogs.load(url, fetcher, keys, Set.of(key));
            assertThat(catalog.entries()).hasSize(11);
            assertThat(catalog.source()).isEqualTo(url);

            String bad = server.url("/tampered.json").toString();
            assertThatThrownBy(() -> Catalogs.load(bad, fetcher, keys, Set.of(key)))
                    .hasMessage(bad + ".sig: the signature does not match " + bad
                            + " (the data or the signature was altered)");
            assertThatThrownBy(() -> Catalogs.load(url, fetcher, keys, Set.of(other)))
                    .hasMessage(url + ".sig: signed by key " + key + ", which is not one of the pinned keys");
            assertThatThrownBy(() -> Catalogs.load(url, fetcher, Keyring.empty(), Set.of()))
                    .hasMessage(url + ": a catalog from a URL must be signed; give the keyring that signs it");
        } finally {
            server.shutdown();
        }
    }
}
