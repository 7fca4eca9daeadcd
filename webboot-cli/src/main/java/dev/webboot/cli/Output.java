package dev.webboot.cli;

import java.io.PrintWriter;

/** Prints a result as one JSON line, or as {@code key: value} lines for people. */
final class Output {
    private Output() {}

    static void print(PrintWriter out, JsonLine line, boolean json) {
        if (json) {
            out.println(line);
        } else {
            line.forEach((key, value) -> out.println(key + ": " + value));
        }
        out.flush();
    }
}
