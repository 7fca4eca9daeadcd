package dev.webboot.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object written as one line (JSON Lines), fields in insertion order. */
final class JsonLine {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    static JsonLine object() {
        return new JsonLine();
    }

    /** Adds a field; values are strings, numbers, booleans, {@link JsonLine}s, collections of those, or maps. */
    JsonLine put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** Visits the fields in order, values as plain text ({@code JsonLine}s and collections as JSON). */
    void forEach(java.util.function.BiConsumer<String, String> visitor) {
        fields.forEach((key, value) -> {
            if (value instanceof JsonLine || value instanceof Map || value instanceof Collection) {
                StringBuilder out = new StringBuilder();
                write(out, value);
                visitor.accept(key, out.toString());
            } else {
                visitor.accept(key, String.valueOf(value));
            }
        });
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, fields);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonLine line) {
            write(out, line.fields);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
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
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
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
