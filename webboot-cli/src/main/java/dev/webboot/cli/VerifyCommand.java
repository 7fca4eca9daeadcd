package dev.webboot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.api.io.BoundedReads;
import dev.webboot.fetch.ChecksumFile;
import dev.webboot.fetch.ClearsignedText;
import dev.webboot.fetch.Downloader;
import dev.webboot.fetch.Expectation;
import dev.webboot.fetch.FetchResult;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.HashAlgorithm;
import dev.webboot.fetch.Keyring;
import dev.webboot.fetch.OpenPgp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webboot verify FILE (--sha256 HEX | --sums SUMS [--sig SIG --keyring K])} and
 * {@code webboot verify --clearsigned FILE --keyring K}.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check a file against a SHA-256, a (signed) checksum file, or check a clearsigned file.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The file to check.")
    Path file;

    @Option(names = "--sha256", paramLabel = "HEX", description = "The file's expected SHA-256, in hex.")
    String sha256;

    @Option(
            names = "--sums",
            paramLabel = "SUMSFILE",
            description = "A checksum file (SHA256SUMS style) that lists the file by name.")
    Path sums;

    @Option(
            names = "--sig",
            paramLabel = "SIGFILE",
            description = "The detached OpenPGP signature of SUMSFILE (needs --keyring).")
    Path signature;

    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "An OpenPGP public key file (binary or armored) to check signatures with; repeatable.")
    List<Path> keyrings = new ArrayList<>();

    @Option(names = "--clearsigned", paramLabel = "FILE", description = "Verify a clearsigned file; print the signer.")
    Path clearsigned;

    @Option(names = "--insecure", description = "Accept an unsigned checksum file (prints a warning).")
    boolean insecure;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (clearsigned != null) {
            if (file != null || sha256 != null || sums != null || signature != null) {
                throw new CommandLine.ParameterException(cli, "--clearsigned takes no FILE, --sha256, --sums or --sig");
            }
            if (keyrings.isEmpty()) {
                throw new CommandLine.ParameterException(cli, "--clearsigned needs --keyring");
            }
            Keyring keys = Keyring.load(keyrings.toArray(Path[]::new));
            // A clearsigned file is a signed checksum file: the same cap, enforced while reading (a pipe has no size).
            byte[] bytes = BoundedReads.readAll(clearsigned, ChecksumFile.MAX_BYTES, "a clearsigned file");
            ClearsignedText text = OpenPgp.verifyClearsigned(bytes, clearsigned.toString(), keys, Set.of());
            print(
                    Map.of(
                            "path",
                            clearsigned.toString(),
                            "signer",
                            text.verdict().signerFingerprint()),
                    text.verdict().signerFingerprint());
            return 0;
        }
        if (file == null) {
            throw new CommandLine.ParameterException(cli, "Missing required parameter: 'FILE'");
        }
        if ((sha256 == null) == (sums == null)) {
            throw new CommandLine.ParameterException(cli, "give exactly one of --sha256 or --sums");
        }
        if (signature != null && (sums == null || keyrings.isEmpty())) {
            throw new CommandLine.ParameterException(cli, "--sig needs --sums and --keyring");
        }
        Expectation expectation;
        if (sha256 != null) {
            try {
                expectation = new Expectation.Digest(HashAlgorithm.SHA256, sha256);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--sha256: " + e.getMessage());
            }
        } else {
            Keyring keys = keyrings.isEmpty() ? Keyring.empty() : Keyring.load(keyrings.toArray(Path[]::new));
            expectation = new Expectation.SignedSums(
                    sums.toAbsolutePath().toUri(),
                    Optional.ofNullable(signature).map(s -> s.toAbsolutePath().toUri()),
                    keys,
                    Set.of(),
                    file.getFileName().toString());
        }
        if (!Files.isRegularFile(file) && !Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        FetchResult result = new Fetcher(Downloader.builder().build()).verifyLocal(file, expectation, insecure);
        for (String warning : result.warnings()) {
            cli.getErr().println("webboot: warning: " + warning);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", file.toString());
        out.put("sha256", result.download().digest(HashAlgorithm.SHA256).orElse(""));
        out.put("verified", result.verified());
        out.put("signer", result.signer().map(s -> s.signerFingerprint()).orElse(null));
        out.put("insecure", result.insecure());
        print(out, file + ": OK (" + result.verified() + ")");
        return 0;
    }

    private void print(Map<String, Object> object, String plain) throws Exception {
        CommandLine cli = spec.commandLine();
        cli.getOut().println(json ? new ObjectMapper().writeValueAsString(object) : plain);
        cli.getOut().flush();
        cli.getErr().flush();
    }
}
