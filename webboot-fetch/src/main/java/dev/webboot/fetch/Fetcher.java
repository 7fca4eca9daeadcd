package dev.webboot.fetch;

import dev.webboot.api.io.BoundedReads;
import dev.webboot.api.io.SizeLimitException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an image and verifies it in this order: the signature over the sums file, the sums file naming the image,
 * the image's digest. The small files (sums, signature) are fetched and checked first, so a bad signature is refused
 * before gigabytes move. Only verified bytes are committed to the sink; on any failure the sink is discarded.
 *
 * <p>{@code insecure} accepts a missing piece of evidence (no signature, no sums) with a warning; evidence that is
 * present and wrong (a bad signature, a digest mismatch) is refused even then.
 */
public final class Fetcher {
    private static final Logger log = LoggerFactory.getLogger(Fetcher.class);
    private static final int MAX_SIGNATURE_BYTES = 1 << 20;

    private final Downloader downloader;

    public Fetcher(Downloader downloader) {
        this.downloader = downloader;
    }

    /** The digest the image must have, and what vouches for it. */
    public record ExpectedDigest(
            Optional<Expectation.Digest> digest,
            String evidence,
            Optional<SignatureVerdict> signer,
            Optional<Expectation.SignedImage> imageSignature,
            List<String> warnings) {}

    public FetchResult fetch(
            DownloadRequest request,
            DownloadSink sink,
            Expectation expectation,
            boolean insecure,
            ProgressListener listener,
            Cancellation cancellation)
            throws IOException {
        boolean committed = false;
        boolean refused = true;
        try {
            ExpectedDigest expected = resolve(expectation, insecure);
            EnumSet<HashAlgorithm> algorithms = EnumSet.of(HashAlgorithm.SHA256);
            expected.digest().ifPresent(d -> algorithms.add(d.algorithm()));
            DownloadResult result;
            refused = false;
            try {
                result = downloader.download(request.withAlgorithms(algorithms), sink, listener, cancellation);
            } catch (SizeLimitException e) {
                refused = true; // held bytes past the cap would only hit it again on resume: nothing to keep
                throw e;
            } catch (IOException e) {
                long held = sink.heldBytes();
                if (held == 0) {
                    refused = true; // no byte arrived: leave no empty DEST.part behind
                    throw e;
                }
                Optional<String> kept = sink.keptAfterAbort();
                if (kept.isEmpty()) {
                    throw e;
                }
                // Say what stays, once, in the one sentence: the bytes are not at DEST, and a rerun resumes.
                throw new DownloadException(
                        firstLine(e) + "; the " + held + " bytes received are kept in " + kept.get()
                                + " for the same command to resume from",
                        e);
            }
            refused = true;
            Optional<SignatureVerdict> signer = expected.signer();
            if (expected.digest().isPresent()) {
                Expectation.Digest digest = expected.digest().get();
                String actual = result.digest(digest.algorithm()).orElseThrow();
                if (!actual.equals(digest.hex())) {
                    throw new VerificationException(request.sources().get(0) + ": the "
                            + digest.algorithm().jcaName()
                            + " of the downloaded bytes is " + actual + ", but " + expected.evidence() + " says "
                            + digest.hex());
                }
            }
            if (expected.imageSignature().isPresent()) {
                signer = Optional.of(
                        verifyImageSignature(expected.imageSignature().get(), sink));
            }
            sink.commit();
            committed = true;
            String verified =
                    expected.digest().isPresent() || expected.imageSignature().isPresent()
                            ? expected.evidence()
                            : "nothing (insecure)";
            return new FetchResult(result, verified, signer, expected.warnings());
        } finally {
            if (!committed) {
                if (refused) {
                    sink.discard();
                } else {
                    sink.abort(); // the transfer failed: keep DEST.part for a later run to resume
                }
            }
        }
    }

    private SignatureVerdict verifyImageSignature(Expectation.SignedImage expectation, DownloadSink sink)
            throws IOException {
        byte[] signature = fetchSmall(expectation.signature(), MAX_SIGNATURE_BYTES, "an OpenPGP signature");
        // The signature covers the image itself: read back what the sink holds (a second, local pass).
        return OpenPgp.verifyDetached(
                sink::readHeld,
                sink.describe(),
                signature,
                expectation.signature().toString(),
                expectation.keyring(),
                expectation.pinned());
    }

    /** Checks the evidence for an image before any image byte is fetched. */
    public ExpectedDigest resolve(Expectation expectation, boolean insecure) throws IOException {
        List<String> warnings = new ArrayList<>();
        if (expectation instanceof Expectation.Digest digest) {
            return new ExpectedDigest(
                    Optional.of(digest),
                    "the given " + digest.algorithm().jcaName(),
                    Optional.empty(),
                    Optional.empty(),
                    warnings);
        }
        if (expectation instanceof Expectation.SignedImage signedImage) {
            return new ExpectedDigest(
                    Optional.empty(),
                    "the signature " + signedImage.signature(),
                    Optional.empty(),
                    Optional.of(signedImage),
                    warnings);
        }
        if (expectation instanceof Expectation.Nothing) {
            if (!insecure) {
                throw new VerificationException(
                        "nothing to verify the image with (give --sha256 or --sums, or --insecure)");
            }
            warnings.add("the image is not verified at all (--insecure)");
            return new ExpectedDigest(Optional.empty(), "nothing", Optional.empty(), Optional.empty(), warnings);
        }
        Expectation.SignedSums sums = (Expectation.SignedSums) expectation;
        byte[] sumsBytes = fetchSmall(sums.sums(), ChecksumFile.MAX_BYTES, "a checksum file");
        String sumsName = sums.sums().toString();
        Optional<SignatureVerdict> signer = Optional.empty();
        byte[] sumsText = sumsBytes;
        if (sums.signature().isPresent()) {
            byte[] signature = fetchSmall(sums.signature().get(), MAX_SIGNATURE_BYTES, "an OpenPGP signature");
            if (OpenPgp.isClearsigned(sumsBytes)) {
                throw new VerificationException(sumsName + ": is clearsigned; give no separate signature for it");
            }
            signer = Optional.of(OpenPgp.verifyDetached(
                    new ByteArrayInputStream(sumsBytes),
                    sumsName,
                    signature,
                    sums.signature().get().toString(),
                    sums.keyring(),
                    sums.pinned()));
        } else if (OpenPgp.isClearsigned(sumsBytes)) {
            ClearsignedText text = OpenPgp.verifyClearsigned(sumsBytes, sumsName, sums.keyring(), sums.pinned());
            signer = Optional.of(text.verdict());
            sumsText = text.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (insecure) {
            warnings.add(sumsName + ": is not signed (--insecure)");
        } else {
            throw new VerificationException(sumsName + ": is not signed, and no signature was given for it");
        }
        ChecksumFile file = ChecksumFile.parse(sumsName, sumsText);
        ChecksumEntry entry = file.find(sums.imageName())
                .orElseThrow(() -> new VerificationException(
                        sumsName + ": does not list " + ChecksumFile.baseName(sums.imageName())));
        if (entry.algorithm() == HashAlgorithm.MD5) {
            warnings.add(sumsName + ": offers only MD5 for " + sums.imageName());
            log.warn("{}: offers only MD5 for {}", sumsName, sums.imageName());
        }
        String evidence = sumsName
                + signer.map(s -> ", signed by " + s.signerFingerprint()).orElse(" (unsigned)");
        return new ExpectedDigest(
                Optional.of(new Expectation.Digest(entry.algorithm(), entry.hex())),
                evidence,
                signer,
                Optional.empty(),
                warnings);
    }

    /** Verifies a local file against the evidence (one read of the file). */
    public FetchResult verifyLocal(Path file, Expectation expectation, boolean insecure) throws IOException {
        ExpectedDigest expected = resolve(expectation, insecure);
        Optional<SignatureVerdict> signer = expected.signer();
        if (expected.imageSignature().isPresent()) {
            Expectation.SignedImage signed = expected.imageSignature().get();
            byte[] signature = fetchSmall(signed.signature(), MAX_SIGNATURE_BYTES, "an OpenPGP signature");
            try (InputStream in = Files.newInputStream(file)) {
                signer = Optional.of(OpenPgp.verifyDetached(
                        in,
                        file.toString(),
                        signature,
                        signed.signature().toString(),
                        signed.keyring(),
                        signed.pinned()));
            }
        }
        EnumSet<HashAlgorithm> algorithms = EnumSet.of(HashAlgorithm.SHA256);
        expected.digest().ifPresent(d -> algorithms.add(d.algorithm()));
        List<MessageDigest> digests = new ArrayList<>();
        List<HashAlgorithm> order = new ArrayList<>(algorithms);
        order.forEach(a -> digests.add(a.newDigest()));
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (channel.read(buffer.clear()) > 0) {
                buffer.flip();
                size += buffer.remaining();
                for (MessageDigest digest : digests) {
                    buffer.mark();
                    digest.update(buffer);
                    buffer.reset();
                }
            }
        }
        java.util.Map<HashAlgorithm, String> hex = new java.util.EnumMap<>(HashAlgorithm.class);
        for (int i = 0; i < order.size(); i++) {
            hex.put(order.get(i), HexFormat.of().formatHex(digests.get(i).digest()));
        }
        if (expected.digest().isPresent()) {
            Expectation.Digest digest = expected.digest().get();
            if (!hex.get(digest.algorithm()).equals(digest.hex())) {
                throw new VerificationException(
                        file + ": the " + digest.algorithm().jcaName() + " is " + hex.get(digest.algorithm()) + ", but "
                                + expected.evidence() + " says " + digest.hex());
            }
        }
        return new FetchResult(
                new DownloadResult(size, hex, file.toUri(), 0), expected.evidence(), signer, expected.warnings());
    }

    /** Fetches a small file (sums, signature, catalog) into memory, refusing anything bigger than {@code max}. */
    public byte[] fetchSmall(URI source, int max) throws IOException {
        return fetchSmall(source, max, "such a file");
    }

    /**
     * Fetches a small file into memory, refusing anything bigger than {@code max} as the bytes arrive (a pipe, a
     * device or an endless response body reports no size to check beforehand).
     *
     * @param what what the file is ("a checksum file"), for the sentence when it is too big
     * @throws SizeLimitException when more than {@code max} bytes arrive
     */
    public byte[] fetchSmall(URI source, int max, String what) throws IOException {
        if ("file".equals(source.getScheme())) {
            return BoundedReads.readAll(Path.of(source), max, what);
        }
        CappedBuffer buffer = new CappedBuffer(max, source.toString(), what);
        try (DownloadSink sink = DownloadSinks.channel(Channels.newChannel(buffer), source.toString())) {
            downloader.download(
                    new DownloadRequest(List.of(source), EnumSet.noneOf(HashAlgorithm.class)),
                    sink,
                    ProgressListener.NONE,
                    new Cancellation());
        }
        return buffer.toByteArray();
    }

    private static String firstLine(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** A byte sink that refuses to grow past a limit. */
    private static final class CappedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private final String name;
        private final String what;

        CappedBuffer(int max, String name, String what) {
            this.max = max;
            this.name = name;
            this.what = what;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + len > max) {
                throw new SizeLimitException(name, max, what);
            }
            bytes.write(b, off, len);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
