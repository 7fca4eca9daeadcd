package dev.webboot.boot.media;

import java.util.ArrayList;
import java.util.List;

/** Kernel command-line words: split as the kernel splits them, and quoted for GRUB's and iPXE's script languages. */
final class KernelParameters {
    private KernelParameters() {}

    /**
     * The words of {@code text}, split at white space outside double quotes (the kernel's own rule: {@code
     * param="a b"} is one parameter, quotes kept).
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("kernel parameters have an unclosed double quote: " + text);
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * One word for GRUB: in single quotes unless it is plain, so that GRUB neither expands {@code $} nor splits at
     * {@code ;}; a single quote itself is written {@code '\''}. GRUB drops the quotes: the kernel gets the word.
     */
    static String grubWord(String word) {
        if (word.matches("[A-Za-z0-9_.,:=/+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words for GRUB, separated by spaces. */
    static String grubLine(List<String> words) {
        return String.join(" ", words.stream().map(KernelParameters::grubWord).toList());
    }

    /** The words for iPXE, which expands {@code ${…}} and splits at white space: refused when they hold either. */
    static String ipxeLine(List<String> words) {
        for (String word : words) {
            if (word.contains("${") || word.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "the kernel parameter " + word + " cannot be written in an iPXE script (no ${ or spaces)");
            }
        }
        return String.join(" ", words);
    }
}
