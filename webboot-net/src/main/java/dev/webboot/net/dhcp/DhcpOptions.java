package dev.webboot.net.dhcp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one DHCP message in the order they appear, each code once (RFC 3396: repeated codes are
 * concatenated when read). Values are copied in and out, so an instance never changes.
 */
public final class DhcpOptions {
    private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

    private final Map<Integer, byte[]> values;

    private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static DhcpOptions empty() {
        return EMPTY;
    }

    /** These options with {@code code} set to {@code value} (replacing an earlier value, keeping its position). */
    public DhcpOptions with(int code, byte[] value) {
        if (code <= DhcpOption.PAD || code >= DhcpOption.END) {
            throw new IllegalArgumentException("option code " + code + " is reserved");
        }
        LinkedHashMap<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.put(code, value.clone());
        return new DhcpOptions(copy);
    }

    /** These options with {@code code}'s value extended by {@code more} (RFC 3396 concatenation). */
    DhcpOptions append(int code, byte[] more) {
        byte[] old = values.get(code);
        if (old == null) {
            return with(code, more);
        }
        byte[] joined = Arrays.copyOf(old, old.length + more.length);
        System.arraycopy(more, 0, joined, old.length, more.length);
        return with(code, joined);
    }

    /** The option's value, copied. */
    public Optional<byte[]> get(int code) {
        byte[] value = values.get(code);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    public boolean contains(int code) {
        return values.containsKey(code);
    }

    /** The option codes in order. */
    public Set<Integer> codes() {
        return values.keySet();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DhcpOptions that) || !values.keySet().equals(that.values.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> entry : values.entrySet()) {
            if (!Arrays.equals(entry.getValue(), that.values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Map.Entry<Integer, byte[]> entry : values.entrySet()) {
            hash = 31 * hash + entry.getKey() * 17 + Arrays.hashCode(entry.getValue());
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        values.forEach((code, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(code).append('=').append(HexFormatHolder.HEX.formatHex(value));
        });
        return out.append('}').toString();
    }

    private static final class HexFormatHolder {
        static final java.util.HexFormat HEX = java.util.HexFormat.of();
    }
}
