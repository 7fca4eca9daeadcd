package dev.webboot.plan.grub.internal;

/** A lexical token of a GRUB script. */
record Token(Kind kind, Word word, int offset) {
    enum Kind {
        WORD,
        NEWLINE,
        SEMICOLON,
        OPEN_BRACE,
        CLOSE_BRACE,
        END
    }

    boolean isWord(String bare) {
        return kind == Kind.WORD && word.isBare(bare);
    }
}
