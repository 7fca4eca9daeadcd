package dev.webboot.fetch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum file: GNU coreutils syntax ({@code hex  name}, {@code hex *name}), BSD syntax
 * ({@code SHA256 (name) = hex}, as in Fedora's {@code CHECKSUM}), or a file holding a single digest. Comment lines
 * ({@code #}) are skipped. A clearsigned file must be verified first ({@link OpenPgp#verifyClearsigned}); its text is
 * what this class parses. A file that gives one name two different digests of one algorithm is refused (which line
 * a reader believed would otherwise depend on their order); the same digest twice is kept once.
 */
public final class ChecksumFile {
    /** Checksum files are small; a bigger one is not a checksum file. */
    public static final int MAX_BYTES = 4 << 20;

    private static final Pattern GNU = Pattern.compile("^\\\\?([0-9a-fA-F]{32,128}) [ *]?(.+)$");
    private static final Pattern BSD = Pattern.compile("^([A-Za-z0-9-]+) ?\\((.+)\\) ?= ?([0-9a-fA-F]{32,128})$");
    private static final Pattern BARE = Pattern.compile("^([0-9a-fA-F]{32,128})$");

    private final String name;
    private final List<ChecksumEntry> entries;

    private ChecksumFile(String name, List<ChecksumEntry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
    }

    /** Parses {@code content}; {@code name} is used in messages. */
    public static ChecksumFile parse(String name, byte[] content) throws VerificationException {
        if (content.length > MAX_BYTES) {
            throw new VerificationException(name + ": too big for a checksum file (" + content.length + " bytes)");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.contains("-----BEGIN PGP SIGNED MESSAGE-----")) {
            throw new VerificationException(name + ": is clearsigned; its signature must be checked first");
        }
        List<ChecksumEntry> entries = new ArrayList<>();
        // The first line that gave each name a digest of each algorithm: a second line with another digest makes
        // the file say two things, and which one a reader believed would depend on the order of the lines.
        Map<NameAndAlgorithm, Seen> firstLine = new HashMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNumber++;
            int before = entries.size();
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher bsd = BSD.matcher(line);
            Matcher gnu = GNU.matcher(line);
            Matcher bare = BARE.matcher(line);
            if (bsd.matches()) {
                HashAlgorithm algorithm = HashAlgorithm.fromName(bsd.group(1)).orElse(null);
                if (algorithm == null) {
                    continue; // e.g. BLAKE2b lines next to SHA256 ones: not ours to check
                }
                entries.add(entry(name, lineNumber, bsd.group(2), algorithm, bsd.group(3)));
            } else if (gnu.matches()) {
                HashAlgorithm algorithm = byLength(name, lineNumber, gnu.group(1));
                entries.add(entry(name, lineNumber, gnu.group(2).strip(), algorithm, gnu.group(1)));
            } else if (bare.matches()) {
                entries.add(entry(name, lineNumber, "", byLength(name, lineNumber, bare.group(1)), bare.group(1)));
            } else if (looksLikeHex(line)) {
                throw new VerificationException(name + ": line " + lineNumber + " is not a checksum line");
            }
            // Other lines (titles, blank-ish prose in some publishers' files) carry no digest.
            if (entries.size() > before) {
                refuseContradiction(name, entries, firstLine, lineNumber);
            }
        }
        if (entries.isEmpty()) {
            throw new VerificationException(name + ": holds no SHA-256, SHA-512 or MD5 checksum");
        }
        return new ChecksumFile(name, entries);
    }

    /** Which name and algorithm a line gives a digest for. */
    private record NameAndAlgorithm(String fileName, HashAlgorithm algorithm) {}

    /** Where a name's first digest of an algorithm is: its index in the entries and its line in the file. */
    private record Seen(int index, int line) {}

    /**
     * Refuses the entry just added (the last one, from {@code line}) if an earlier line gave its name another digest
     * of the same algorithm; the same digest twice is harmless and kept.
     */
    private static void refuseContradiction(
            String name, List<ChecksumEntry> entries, Map<NameAndAlgorithm, Seen> firstLine, int line)
            throws VerificationException {
        int index = entries.size() - 1;
        ChecksumEntry entry = entries.get(index);
        NameAndAlgorithm key = new NameAndAlgorithm(entry.fileName(), entry.algorithm());
        Seen earlier = firstLine.putIfAbsent(key, new Seen(index, line));
        if (earlier == null) {
            return;
        }
        ChecksumEntry first = entries.get(earlier.index());
        if (!first.hex().equals(entry.hex())) {
            String what = entry.fileName().isEmpty() ? "the image" : entry.fileName();
            throw new VerificationException(name + ": lines " + earlier.line() + " and " + line + " give " + what
                    + " two different " + entry.algorithm().jcaName() + " digests");
        }
        entries.remove(index); // the same digest again: one entry is enough
    }

    private static boolean looksLikeHex(String line) {
        return line.length() >= 32 && line.substring(0, 32).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static HashAlgorithm byLength(String name, int line, String hex) throws VerificationException {
        return HashAlgorithm.fromHexLength(hex.length())
                .orElseThrow(() -> new VerificationException(
                        name + ": line " + line + " has a " + hex.length() + "-digit digest of no known algorithm"));
    }

    private static ChecksumEntry entry(String name, int line, String file, HashAlgorithm algorithm, String hex)
            throws VerificationException {
        if (hex.length() != algorithm.hexLength()) {
            throw new VerificationException(
                    name + ": line " + line + " has a " + algorithm.jcaName() + " digest of the wrong length");
        }
        String fileName = file.startsWith("./") ? file.substring(2) : file;
        return new ChecksumEntry(fileName, algorithm, hex.toLowerCase(Locale.ROOT));
    }

    public String name() {
        return name;
    }

    public List<ChecksumEntry> entries() {
        return entries;
    }

    /**
     * The strongest digest this file gives for {@code fileName} (compared by base name), or its single nameless
     * digest.
     */
    public Optional<ChecksumEntry> find(String fileName) {
        String base = baseName(fileName);
        return entries.stream()
                .filter(e -> e.fileName().isEmpty() || baseName(e.fileName()).equals(base))
                .max(Comparator.comparingInt(e -> strength(e.algorithm())));
    }

    private static int strength(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA512 -> 3;
            case SHA256 -> 2;
            case MD5 -> 1;
        };
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
