package dev.webboot.plan.grub.internal;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.plan.internal.ConfigText;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GRUB script into tokens with GRUB's quoting rules: {@code '...'} is literal; {@code "..."} expands
 * {@code $var} and lets a backslash escape only {@code $ " \} and a newline; outside quotes a backslash escapes any
 * character and a backslash-newline continues the line; {@code #} starts a comment at the start of a word;
 * {@code ;}, newline, and a lone {@code {} or {@code }} are tokens of their own.
 */
final class GrubLexer {
    /** A word longer than this is refused (no distribution writes one). */
    static final int MAX_WORD_LENGTH = 64 * 1024;

    private final ConfigText config;
    private final String s;
    private int pos;

    GrubLexer(ConfigText config) {
        this.config = config;
        this.s = config.text();
    }

    List<Token> tokens() throws MalformedImageException {
        List<Token> out = new ArrayList<>();
        while (true) {
            Token token = next();
            out.add(token);
            if (token.kind() == Token.Kind.END) {
                return out;
            }
        }
    }

    private Token next() throws MalformedImageException {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        int start = pos;
        if (pos >= s.length()) {
            return new Token(Token.Kind.END, null, start);
        }
        char c = s.charAt(pos);
        if (c == '\n') {
            pos++;
            return new Token(Token.Kind.NEWLINE, null, start);
        }
        if (c == ';') {
            pos++;
            return new Token(Token.Kind.SEMICOLON, null, start);
        }
        Word word = word();
        if (word.isBare("{")) {
            return new Token(Token.Kind.OPEN_BRACE, word, start);
        }
        if (word.isBare("}")) {
            return new Token(Token.Kind.CLOSE_BRACE, word, start);
        }
        return new Token(Token.Kind.WORD, word, start);
    }

    private Word word() throws MalformedImageException {
        int start = pos;
        List<Word.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int length = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n' || c == ';') {
                break;
            }
            if (++length > MAX_WORD_LENGTH) {
                throw config.error(start, "word longer than " + MAX_WORD_LENGTH + " bytes");
            }
            if (c == '\'') {
                flush(parts, literal, false);
                int close = s.indexOf('\'', pos + 1);
                if (close < 0) {
                    throw config.error(pos, "unterminated single quote");
                }
                parts.add(new Word.Literal(ConfigText.utf8(s.substring(pos + 1, close)), true));
                length += close - pos;
                pos = close + 1;
            } else if (c == '"') {
                flush(parts, literal, false);
                length += doubleQuoted(parts);
            } else if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    pos++;
                    break;
                }
                char escaped = s.charAt(pos + 1);
                pos += 2;
                if (escaped != '\n') {
                    flush(parts, literal, false);
                    parts.add(new Word.Literal(String.valueOf(escaped), true));
                }
            } else if (c == '$' && variableFollows()) {
                flush(parts, literal, false);
                parts.add(new Word.Variable(variable(), false));
            } else {
                literal.append(c);
                pos++;
            }
        }
        flush(parts, literal, false);
        return new Word(mergeLiterals(parts), start);
    }

    /** Reads {@code "..."} starting at the opening quote; returns the number of characters consumed. */
    private int doubleQuoted(List<Word.Part> parts) throws MalformedImageException {
        int open = pos;
        int partsAtOpen = parts.size();
        pos++;
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw config.error(open, "unterminated double quote");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (pos - open > MAX_WORD_LENGTH) {
                throw config.error(open, "word longer than " + MAX_WORD_LENGTH + " bytes");
            }
            if (c == '\\' && pos + 1 < s.length()) {
                char escaped = s.charAt(pos + 1);
                if (escaped == '$' || escaped == '"' || escaped == '\\') {
                    literal.append(escaped);
                    pos += 2;
                    continue;
                }
                if (escaped == '\n') {
                    pos += 2;
                    continue;
                }
                literal.append(c);
                pos++;
            } else if (c == '$' && variableFollows()) {
                flush(parts, literal, true);
                parts.add(new Word.Variable(variable(), true));
            } else {
                literal.append(c);
                pos++;
            }
        }
        flush(parts, literal, true);
        if (parts.size() == partsAtOpen) {
            // "" is an empty argument, not nothing.
            parts.add(new Word.Literal("", true));
        }
        return pos - open;
    }

    private boolean variableFollows() {
        if (pos + 1 >= s.length()) {
            return false;
        }
        char n = s.charAt(pos + 1);
        return n == '{' || n == '_' || n == '?' || n == '#' || n == '@' || n == '*' || isNameChar(n);
    }

    private String variable() throws MalformedImageException {
        int dollar = pos;
        pos++;
        char n = s.charAt(pos);
        if (n == '{') {
            int close = s.indexOf('}', pos);
            if (close < 0) {
                throw config.error(dollar, "unterminated ${");
            }
            String name = s.substring(pos + 1, close);
            if (name.isEmpty() || name.length() > 256) {
                throw config.error(dollar, "bad variable name in ${...}");
            }
            pos = close + 1;
            return name;
        }
        if (n == '?' || n == '#' || n == '@' || n == '*') {
            pos++;
            return String.valueOf(n);
        }
        int start = pos;
        if (Character.isDigit(n)) {
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        } else {
            while (pos < s.length() && isNameChar(s.charAt(pos))) {
                pos++;
            }
        }
        return s.substring(start, pos);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static void flush(List<Word.Part> parts, StringBuilder literal, boolean quoted) {
        if (literal.length() > 0) {
            parts.add(new Word.Literal(ConfigText.utf8(literal.toString()), quoted));
            literal.setLength(0);
        }
    }

    /** Joins neighbouring literals of the same quoting so that keywords read as one piece. */
    private static List<Word.Part> mergeLiterals(List<Word.Part> parts) {
        List<Word.Part> out = new ArrayList<>();
        for (Word.Part part : parts) {
            if (!out.isEmpty()
                    && part instanceof Word.Literal next
                    && out.get(out.size() - 1) instanceof Word.Literal previous
                    && previous.quoted() == next.quoted()) {
                out.set(out.size() - 1, new Word.Literal(previous.text() + next.text(), next.quoted()));
            } else {
                out.add(part);
            }
        }
        return out;
    }
}
