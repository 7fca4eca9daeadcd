package dev.webboot.fetch;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/** Fixtures the download tests share, made by the real tools: sparse images and a self-signed certificate. */
final class DownloadFixtures {
    private DownloadFixtures() {}

    /**
     * A sparse file of {@code size} bytes ({@code truncate -s}) with 1 MiB of random bytes at each offset, so that a
     * wrong range shows in the hash without the file costing disk.
     *
     * @return its SHA-256 as {@code sha256sum} prints it
     */
    static String sparse(Path dir, Path file, long size, long seed, long... markerOffsets) throws IOException {
        ExternalTools.run(
                dir,
                ExternalTools.require("truncate", "coreutils").toString(),
                "-s",
                Long.toString(size),
                file.toString());
        byte[] marker = new byte[1 << 20];
        new Random(seed).nextBytes(marker);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long offset : markerOffsets) {
                channel.write(ByteBuffer.wrap(marker), offset);
            }
        }
        return ExternalTools.run(
                        dir, ExternalTools.require("sha256sum", "coreutils").toString(), file.toString())
                .stdoutText()
                .split(" ")[0];
    }

    /** {@code dir/cert.pem} and {@code dir/key.pem}: a certificate for 127.0.0.1 made by openssl, valid 2 days. */
    static void selfSignedCertificate(Path dir) {
        ExternalTools.run(
                dir,
                ExternalTools.require("openssl", "openssl").toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost");
    }
}
