package dev.webboot.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a clearsigned message (RFC 4880 section 7): the text as signed (dash-escaping undone, trailing
 * white space removed from each line, CRLF line ends, no final line end) and the armored signature block.
 */
record Clearsigned(String text, byte[] signedBytes, byte[] signatureBlock) {
    static final String BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
    private static final String SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    private static final String END = "-----END PGP SIGNATURE-----";

    static Clearsigned parse(String name, byte[] message) throws VerificationException {
        String all = new String(message, StandardCharsets.UTF_8);
        String[] lines = all.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !lines[i].strip().equals(BEGIN)) {
            throw new VerificationException(name + ": is not a clearsigned message");
        }
        i++;
        while (i < lines.length && !lines[i].isEmpty()) {
            if (!lines[i].startsWith("Hash:")) {
                throw new VerificationException(name + ": has an unknown clearsign header '" + lines[i] + "'");
            }
            i++;
        }
        i++; // the blank line that ends the headers
        List<String> text = new ArrayList<>();
        while (i < lines.length && !lines[i].strip().equals(SIGNATURE)) {
            String line = lines[i];
            if (line.startsWith("- ")) {
                line = line.substring(2);
            } else if (line.startsWith("-")) {
                throw new VerificationException(name + ": has an unescaped dash line inside the signed text");
            }
            text.add(line);
            i++;
        }
        if (i >= lines.length) {
            throw new VerificationException(name + ": the signed text has no signature after it");
        }
        StringBuilder signature = new StringBuilder();
        boolean ended = false;
        for (; i < lines.length; i++) {
            signature.append(lines[i]).append('\n');
            if (lines[i].strip().equals(END)) {
                ended = true;
                break;
            }
        }
        if (!ended) {
            throw new VerificationException(name + ": the signature block is not terminated");
        }
        for (i++; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                throw new VerificationException(name + ": has data after the signature, which nobody signed");
            }
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        for (int k = 0; k < text.size(); k++) {
            if (k > 0) {
                signed.writeBytes(new byte[] {'\r', '\n'});
            }
            signed.writeBytes(stripTrailingWhitespace(text.get(k)).getBytes(StandardCharsets.UTF_8));
        }
        String plain = String.join("\n", text) + (text.isEmpty() ? "" : "\n");
        return new Clearsigned(plain, signed.toByteArray(), signature.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String stripTrailingWhitespace(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }
}
