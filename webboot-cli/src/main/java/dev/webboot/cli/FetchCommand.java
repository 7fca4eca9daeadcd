package dev.webboot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.fetch.Cancellation;
import dev.webboot.fetch.Catalogs;
import dev.webboot.fetch.DownloadRequest;
import dev.webboot.fetch.DownloadSink;
import dev.webboot.fetch.DownloadSinks;
import dev.webboot.fetch.Expectation;
import dev.webboot.fetch.FetchResult;
import dev.webboot.fetch.Fetcher;
import dev.webboot.fetch.HashAlgorithm;
import dev.webboot.fetch.Keyring;
import dev.webboot.fetch.ProgressListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webboot fetch SOURCE -o DEST}: download, verify, and only then make DEST usable. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = "Download an image (URL or catalog id) into a file or block device, resuming and verifying it.")
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "http(s)/file URL, or a distro id from the catalog.")
    String source;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "DEST",
            description = "File or block device.")
    Path destination;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress on stderr.")
    boolean quiet;

    @Mixin
    EvidenceOptions evidence;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() throws Exception {
        evidence.validate(spec.commandLine());
        List<Path> keyrings = evidence.keyrings;
        String sha256 = evidence.sha256;
        String sums = evidence.sums;
        String signature = evidence.signature;
        List<String> mirrors = evidence.mirrors;
        boolean insecure = evidence.insecure;
        Fetcher fetcher = new Fetcher(net.downloader(evidence.maxBytes()));
        Keyring keys = keyrings.isEmpty() ? Keyring.empty() : Keyring.load(keyrings.toArray(Path[]::new));
        DownloadRequest request;
        Expectation expectation;
        Optional<CatalogEntry> entry = Optional.empty();
        if (!source.contains("://") && !source.contains("/")) {
            Catalog catalog = net.catalog(fetcher);
            entry = Optional.of(catalog.find(source)
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(), source + ": no such distro in " + catalog.source())));
        }
        if (entry.isPresent()) {
            CatalogEntry e = entry.get();
            request = DownloadRequest.of(e.url()).withMirrors(e.mirrors());
            expectation = Catalogs.expectation(e, keys);
        } else {
            request = DownloadRequest.of(NetOptions.uriOf(source));
            expectation = new Expectation.Nothing();
        }
        List<URI> mirrorUris = mirrors.stream().map(NetOptions::uriOf).toList();
        request = request.withMirrors(mirrorUris);
        String imageName =
                Path.of(request.sources().get(0).getPath()).getFileName().toString();
        if (sha256 != null) {
            try {
                expectation = new Expectation.Digest(HashAlgorithm.SHA256, sha256);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sha256: " + e.getMessage());
            }
        } else if (sums != null) {
            expectation = new Expectation.SignedSums(
                    NetOptions.uriOf(sums),
                    Optional.ofNullable(signature).map(NetOptions::uriOf),
                    keys,
                    Set.of(),
                    imageName);
        }
        ProgressListener progress = quiet
                ? ProgressListener.NONE
                : new ProgressBar(spec.commandLine().getErr(), imageName, ProgressBar.stderrIsTerminal());
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "webboot-fetch-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        FetchResult result;
        try (DownloadSink sink = DownloadSinks.forDestination(destination)) {
            result = fetcher.fetch(request, sink, expectation, insecure, progress, cancellation);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
        for (String warning : result.warnings()) {
            spec.commandLine().getErr().println("webboot: warning: " + warning);
        }
        spec.commandLine().getErr().println("webboot: " + destination + ": verified: " + result.verified());
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", destination.toString());
            out.put("source", result.download().source().toString());
            out.put("size", result.download().size());
            out.put("sha256", result.download().digest(HashAlgorithm.SHA256).orElse(""));
            out.put("verified", result.verified());
            out.put("signer", result.signer().map(s -> s.signerFingerprint()).orElse(null));
            out.put("insecure", result.insecure());
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(out));
            spec.commandLine().getOut().flush();
        }
        spec.commandLine().getErr().flush();
        return 0;
    }
}
