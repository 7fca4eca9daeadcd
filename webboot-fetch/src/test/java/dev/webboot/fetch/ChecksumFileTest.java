package dev.webboot.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumFileTest {
    private static final String A = "a".repeat(64);
    private static final String B = "B".repeat(128);

    private static ChecksumFile parse(String text) throws VerificationException {
        return ChecksumFile.parse("SUMS", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void gnuTextAndBinaryMarkers() throws Exception {
        ChecksumFile file = parse(A + "  one.iso\n" + A.replace('a', 'c') + " *two.iso\n");
        assertThat(file.find("two.iso")).contains(new ChecksumEntry("two.iso", HashAlgorithm.SHA256, "c".repeat(64)));
        assertThat(file.find("/some/dir/one.iso").orElseThrow().hex()).isEqualTo(A);
    }

    @Test
    void bsdSyntaxWithCommentsAndTheStrongestAlgorithmWins() throws Exception {
        ChecksumFile file = parse("# Fedora-Live.iso: 123 bytes\nSHA256 (Fedora-Live.iso) = " + A
                + "\nSHA512 (Fedora-Live.iso) = " + B + "\nBLAKE2b (Fedora-Live.iso) = " + "d".repeat(128) + "\n");
        assertThat(file.find("Fedora-Live.iso"))
                .contains(new ChecksumEntry("Fedora-Live.iso", HashAlgorithm.SHA512, B.toLowerCase()));
    }

    @Test
    void aSingleDigestFile() throws Exception {
        assertThat(parse(A + "\n").find("anything.iso").orElseThrow().algorithm())
                .isEqualTo(HashAlgorithm.SHA256);
    }

    @Test
    void md5OnlyIsRecognised() throws Exception {
        assertThat(parse("0123456789abcdef0123456789abcdef  tiny.iso\n")
                        .find("tiny.iso")
                        .orElseThrow()
                        .algorithm())
                .isEqualTo(HashAlgorithm.MD5);
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> parse("nothing here\n")).hasMessage("SUMS: holds no SHA-256, SHA-512 or MD5 checksum");
        assertThatThrownBy(() -> parse("SHA256 (x.iso) = " + "a".repeat(128) + "\n"))
                .hasMessage("SUMS: line 1 has a SHA-256 digest of the wrong length");
        assertThatThrownBy(() -> parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + A + "  x\n"))
                .hasMessage("SUMS: is clearsigned; its signature must be checked first");
    }

    @Test
    void whatCoreutilsWritesParses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x y.iso"), "content");
        String gnu = ExternalTools.run(
                        dir, ExternalTools.require("sha256sum", "coreutils").toString(), "x y.iso")
                .stdoutText();
        String bsd = ExternalTools.run(
                        dir, ExternalTools.require("sha512sum", "coreutils").toString(), "--tag", "x y.iso")
                .stdoutText();
        assertThat(parse(gnu).find("x y.iso").orElseThrow().algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(parse(bsd).find("x y.iso").orElseThrow().algorithm()).isEqualTo(HashAlgorithm.SHA512);
    }

    /**
     * One name with two digests is refused whichever line comes first, where {@code sha256sum -c} also fails in both
     * orders (it checks every line, and one of them cannot match); the same digest twice passes with both.
     */
    @Test
    void oneNameWithTwoDigestsIsRefusedWhicheverComesFirst(@TempDir Path dir) throws Exception {
        String sha256sum = ExternalTools.require("sha256sum", "coreutils").toString();
        Files.writeString(dir.resolve("x.iso"), "the image");
        String right = ExternalTools.run(dir, sha256sum, "x.iso").stdoutText().strip();
        String wrong = "0".repeat(64) + "  x.iso";
        String other = A + "  other.iso";

        for (String text :
                new String[] {right + "\n" + other + "\n" + wrong + "\n", wrong + "\n" + other + "\n" + right + "\n"}) {
            Files.writeString(dir.resolve("SHA256SUMS"), text);
            assertThat(ExternalTools.runAllowingFailure(dir, sha256sum, "-c", "--ignore-missing", "SHA256SUMS")
                            .exitCode())
                    .as("sha256sum -c on %s", text)
                    .isEqualTo(1);
            assertThatThrownBy(() -> ChecksumFile.parse("SHA256SUMS", text.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(VerificationException.class)
                    .hasMessage("SHA256SUMS: lines 1 and 3 give x.iso two different SHA-256 digests");
        }

        String twice = right + "\n" + other + "\n" + right.replace("  ", " *") + "\n";
        Files.writeString(dir.resolve("SHA256SUMS"), twice);
        assertThat(ExternalTools.runAllowingFailure(dir, sha256sum, "-c", "--ignore-missing", "SHA256SUMS")
                        .exitCode())
                .isZero();
        ChecksumFile parsed = ChecksumFile.parse("SHA256SUMS", twice.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.entries()).hasSize(2);
        assertThat(parsed.find("x.iso").orElseThrow().hex()).isEqualTo(right.substring(0, 64));
    }

    @Test
    void digestsOfDifferentAlgorithmsOrNamesDoNotContradict() throws Exception {
        ChecksumFile file = parse("SHA256 (x.iso) = " + A + "\nSHA512 (x.iso) = " + B + "\n" + A.replace('a', 'c')
                + "  ./y.iso\n" + A.replace('a', 'c') + "  y.iso\n");
        assertThat(file.entries()).hasSize(3);
        assertThatThrownBy(() -> parse(A + "\n" + A.replace('a', 'd') + "\n"))
                .hasMessage("SUMS: lines 1 and 2 give the image two different SHA-256 digests");
        assertThatThrownBy(() -> parse(A + "  ./y.iso\n" + A.replace('a', 'd') + "  y.iso\n"))
                .hasMessage("SUMS: lines 1 and 2 give y.iso two different SHA-256 digests");
    }
}
