package dev.webboot.iso.internal.fs;

import java.util.regex.PatternSyntaxException;

/** Translates the glob syntax of {@link java.nio.file.FileSystem#getPathMatcher} into a regular expression. */
public final class Globs {
    private Globs() {}

    public static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw new PatternSyntaxException("no character to escape", glob, i - 1);
                    }
                    appendLiteral(regex, glob.charAt(i++));
                }
                case '/' -> regex.append('/');
                case '[' -> {
                    regex.append("[[^/]&&[");
                    if (i < glob.length() && glob.charAt(i) == '!') {
                        regex.append('^');
                        i++;
                    }
                    boolean closed = false;
                    while (i < glob.length()) {
                        char d = glob.charAt(i++);
                        if (d == ']') {
                            closed = true;
                            break;
                        }
                        if (d == '\\' || d == '[' || d == '&' || d == '^') {
                            regex.append('\\');
                        }
                        regex.append(d);
                    }
                    if (!closed) {
                        throw new PatternSyntaxException("missing ']'", glob, i - 1);
                    }
                    regex.append("]]");
                }
                case '{' -> {
                    if (inGroup) {
                        throw new PatternSyntaxException("nested '{'", glob, i - 1);
                    }
                    regex.append("(?:(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (!inGroup) {
                        throw new PatternSyntaxException("unmatched '}'", glob, i - 1);
                    }
                    regex.append("))");
                    inGroup = false;
                }
                case ',' -> regex.append(inGroup ? ")|(?:" : ",");
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                default -> appendLiteral(regex, c);
            }
        }
        if (inGroup) {
            throw new PatternSyntaxException("missing '}'", glob, glob.length() - 1);
        }
        return regex.append('$').toString();
    }

    private static void appendLiteral(StringBuilder regex, char c) {
        if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }
}
