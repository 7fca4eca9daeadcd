package dev.webboot.plan.grub.internal;

import java.util.List;

/**
 * One word of a GRUB script as written: literal pieces and variable references, each remembering whether it stood
 * inside quotes (an unquoted expansion is split into fields; a quoted one never is).
 *
 * @param parts the pieces in order
 * @param offset the byte offset of the word's first character
 */
record Word(List<Part> parts, int offset) {
    Word {
        parts = List.copyOf(parts);
    }

    sealed interface Part {}

    /** Text taken literally (quotes and escapes already removed). */
    record Literal(String text, boolean quoted) implements Part {}

    /** {@code $name} or {@code ${name}}. */
    record Variable(String name, boolean quoted) implements Part {}

    /** The word's text when it is one unquoted literal (how keywords are recognized), else {@code null}. */
    String bareText() {
        if (parts.size() == 1 && parts.get(0) instanceof Literal literal && !literal.quoted()) {
            return literal.text();
        }
        return null;
    }

    boolean isBare(String text) {
        return text.equals(bareText());
    }
}
