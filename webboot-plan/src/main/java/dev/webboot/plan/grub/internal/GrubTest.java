package dev.webboot.plan.grub.internal;

import java.io.IOException;
import java.util.List;

/**
 * GRUB's {@code test} / {@code [} command: {@code -f -e -d -s -z -n}, string {@code = == != < <= > >=}, integer
 * {@code -eq -ne -lt -le -gt -ge}, {@code !}, {@code -a}, {@code -o} and parentheses. A lone argument is true when it
 * is not empty.
 */
final class GrubTest {
    /** Deepest parenthesis nesting accepted. */
    private static final int MAX_PARENS = 32;

    /** Answers the file tests. */
    interface Files {
        /** 'f' regular file, 'd' directory, 's' non-empty file, 'e' anything. */
        boolean test(char kind, String path) throws IOException;
    }

    private final List<String> args;
    private final Files files;
    private int pos;
    private int parens;

    private GrubTest(List<String> args, Files files) {
        this.args = args;
        this.files = files;
    }

    /** Evaluates the arguments after the command name ({@code ]} already removed); true means status 0. */
    static boolean evaluate(List<String> args, Files files) throws IOException {
        if (args.isEmpty()) {
            return false;
        }
        GrubTest test = new GrubTest(args, files);
        boolean result = test.or();
        return result && test.pos >= args.size();
    }

    private boolean more() {
        return pos < args.size();
    }

    private boolean or() throws IOException {
        boolean result = and();
        while (more() && args.get(pos).equals("-o")) {
            pos++;
            boolean right = and();
            result = result || right;
        }
        return result;
    }

    private boolean and() throws IOException {
        boolean result = not();
        while (more() && args.get(pos).equals("-a")) {
            pos++;
            boolean right = not();
            result = result && right;
        }
        return result;
    }

    private boolean not() throws IOException {
        boolean negate = false;
        while (more() && args.get(pos).equals("!") && pos + 1 < args.size()) {
            negate = !negate;
            pos++;
        }
        return negate != primary();
    }

    private boolean primary() throws IOException {
        if (!more()) {
            return false;
        }
        String first = args.get(pos);
        if (first.equals("(") && parens < MAX_PARENS) {
            pos++;
            parens++;
            boolean inner = or();
            parens--;
            if (more() && args.get(pos).equals(")")) {
                pos++;
            }
            return inner;
        }
        if (pos + 2 < args.size() && isBinary(args.get(pos + 1))) {
            String left = first;
            String op = args.get(pos + 1);
            String right = args.get(pos + 2);
            pos += 3;
            return binary(left, op, right);
        }
        if (first.length() == 2
                && first.charAt(0) == '-'
                && "fedszn".indexOf(first.charAt(1)) >= 0
                && pos + 1 < args.size()) {
            String operand = args.get(pos + 1);
            pos += 2;
            return switch (first.charAt(1)) {
                case 'z' -> operand.isEmpty();
                case 'n' -> !operand.isEmpty();
                default -> files.test(first.charAt(1), operand);
            };
        }
        pos++;
        return !first.isEmpty();
    }

    private static boolean isBinary(String op) {
        return switch (op) {
            case "=", "==", "!=", "<", "<=", ">", ">=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> true;
            default -> false;
        };
    }

    private static boolean binary(String left, String op, String right) {
        return switch (op) {
            case "=", "==" -> left.equals(right);
            case "!=" -> !left.equals(right);
            case "<" -> left.compareTo(right) < 0;
            case "<=" -> left.compareTo(right) <= 0;
            case ">" -> left.compareTo(right) > 0;
            case ">=" -> left.compareTo(right) >= 0;
            default -> {
                long l = number(left);
                long r = number(right);
                yield switch (op) {
                    case "-eq" -> l == r;
                    case "-ne" -> l != r;
                    case "-lt" -> l < r;
                    case "-le" -> l <= r;
                    case "-gt" -> l > r;
                    default -> l >= r;
                };
            }
        };
    }

    /** GRUB reads integers with strtol semantics: leading digits count, anything else is 0. */
    private static long number(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        for (; i < s.length() && Character.isDigit(s.charAt(i)) && i < 18; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return negative ? -value : value;
    }
}
