package dev.webboot.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON object written on one line (JSON Lines), fields in insertion order. */
final class JsonLine {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds a field: a String, a Number, a Boolean, a List of those, or a nested JsonLine. */
    JsonLine put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, this);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof JsonLine line) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : line.fields.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
