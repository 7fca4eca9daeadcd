package dev.webboot.boot;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The real GnuPG in a throw-away home: makes the keys and signatures a distribution publishes. */
public final class Gpg {
    private final Path home;
    private final Path gpg;

    public Gpg(Path dir) throws IOException {
        this.gpg = ExternalTools.require("gpg", "gnupg");
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    private ExternalTools.Result run(String... args) {
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
        return ExternalTools.run(home, command.toArray(String[]::new));
    }

    /** Makes an ed25519 signing key and returns its fingerprint. */
    public String generate(String uid) {
        run("--quick-gen-key", uid, "ed25519", "sign", "never");
        return run("--with-colons", "--list-keys", uid)
                .stdoutText()
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
    }

    /** Exports a public key (binary) to {@code out}. */
    public Path export(String uid, Path out) throws IOException {
        Files.write(out, run("--export", uid).stdout());
        return out;
    }

    /** Signs {@code file} with a detached binary signature at {@code out}. */
    public Path detachSign(String uid, Path file, Path out) {
        run("-u", uid, "-o", out.toString(), "--detach-sign", file.toString());
        return out;
    }
}
