package dev.webboot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away GnuPG home in a test's temp directory: makes the keys and signatures a distribution publishes, with the
 * real gpg. The one GnuPG wrapper of the test suites.
 */
public final class GnuPg {
    private final Path home;
    private final Path gpg;

    public GnuPg(Path dir) throws IOException {
        this.gpg = ExternalTools.require("gpg", "gnupg");
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    public ExternalTools.Result gpg(String... args) {
        return ExternalTools.run(home, command(args));
    }

    /** Runs gpg and returns its result whatever the exit code (for checks that expect gpg to refuse). */
    public ExternalTools.Result gpgAllowingFailure(String... args) {
        return ExternalTools.runAllowingFailure(home, command(args));
    }

    private String[] command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                gpg.toString(),
                "--homedir",
                home.toString(),
                "--batch",
                "--yes",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                ""));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    /** Makes a key ({@code rsa3072}, {@code ed25519}, ...) and returns its fingerprint. */
    public String generate(String uid, String algorithm, String expire, String... extraOptions) {
        List<String> args = new ArrayList<>(List.of(extraOptions));
        args.addAll(List.of("--quick-gen-key", uid, algorithm, "sign", expire));
        gpg(args.toArray(String[]::new));
        return fingerprint(uid);
    }

    public String fingerprint(String uid) {
        String listing = gpg("--with-colons", "--list-keys", uid).stdoutText();
        return listing.lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
    }

    /** All fingerprints (primary first, then subkeys) of a key. */
    public List<String> fingerprints(String uid) {
        return gpg("--with-colons", "--list-keys", uid)
                .stdoutText()
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .map(l -> l.split(":")[9])
                .toList();
    }

    public Path export(Path out, boolean armor, String... keys) throws IOException {
        List<String> args = new ArrayList<>();
        if (armor) {
            args.add("--armor");
        }
        args.add("--export");
        args.addAll(List.of(keys));
        Files.write(out, gpg(args.toArray(String[]::new)).stdout());
        return out;
    }

    public Path detachSign(String key, Path file, boolean armor, String... extraOptions) {
        Path out = file.resolveSibling(file.getFileName() + (armor ? ".asc" : ".sig"));
        List<String> args = new ArrayList<>(List.of(extraOptions));
        args.addAll(List.of("-u", key, "-o", out.toString()));
        if (armor) {
            args.add("--armor");
        }
        args.addAll(List.of("--detach-sign", file.toString()));
        gpg(args.toArray(String[]::new));
        return out;
    }

    public Path clearsign(String key, Path file, String... extraOptions) {
        Path out = file.resolveSibling(file.getFileName() + ".clearsigned");
        List<String> args = new ArrayList<>(List.of(extraOptions));
        args.addAll(List.of("-u", key, "-o", out.toString(), "--clearsign", file.toString()));
        gpg(args.toArray(String[]::new));
        return out;
    }

    /** Imports the revocation certificate gpg made when it generated the key. */
    public void revoke(String fingerprint) throws IOException {
        Path certificate = home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        String text = Files.readString(certificate, StandardCharsets.US_ASCII).replace(":-----BEGIN", "-----BEGIN");
        Path usable = home.resolve(fingerprint + ".rev.asc");
        Files.writeString(usable, text, StandardCharsets.US_ASCII);
        gpg("--import", usable.toString());
    }

    /** Makes an ed25519 signing key that never expires and returns its fingerprint. */
    public String generate(String uid) {
        return generate(uid, "ed25519", "never");
    }

    /** Exports a public key (binary) to {@code out}. */
    public Path export(String uid, Path out) throws IOException {
        return export(out, false, uid);
    }

    /** Signs {@code file} with a detached binary signature at {@code out}. */
    public Path detachSign(String uid, Path file, Path out) {
        gpg("-u", uid, "-o", out.toString(), "--detach-sign", file.toString());
        return out;
    }

    /** The secret keys of {@code key}, unprotected (the keys are made with an empty passphrase), binary. */
    public byte[] exportSecret(String key) {
        return gpg("--export-secret-keys", key).stdout();
    }

    /**
     * Runs the real {@code gpgv} on a detached signature: true when it accepts it, i.e. exits 0 and reports
     * {@code GOODSIG} (an expired or revoked key or an expired signature gets {@code EXPKEYSIG}, {@code REVKEYSIG},
     * {@code EXPSIG} instead, which a verifier must treat as a refusal).
     */
    public boolean gpgvAccepts(Path binaryKeyring, Path signature, Path data) throws IOException {
        Path gpgv = ExternalTools.require("gpgv", "gpgv");
        Path gpgvHome = Files.createDirectories(home.resolveSibling("gpgv-home"));
        ExternalTools.Result result = ExternalTools.runAllowingFailure(
                gpgvHome,
                gpgv.toString(),
                "--homedir",
                gpgvHome.toString(),
                "--status-fd",
                "1",
                "--keyring",
                binaryKeyring.toAbsolutePath().toString(),
                signature.toAbsolutePath().toString(),
                data.toAbsolutePath().toString());
        return result.exitCode() == 0 && result.stdoutText().lines().anyMatch(l -> l.startsWith("[GNUPG:] GOODSIG "));
    }
}
