package dev.webboot.boot.media;

import java.util.List;

/**
 * Kernel command-line words (split by {@link dev.webboot.api.plan.KernelCommandLine#parse}) quoted for GRUB's and
 * iPXE's script languages.
 */
final class KernelParameters {
    private KernelParameters() {}

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
