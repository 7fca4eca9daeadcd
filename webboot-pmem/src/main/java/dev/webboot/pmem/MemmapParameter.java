package dev.webboot.pmem;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One item of a {@code memmap=} kernel parameter, such as {@code 1G!4G}.
 *
 * @param kind what the item does
 * @param size the range's length in bytes (the limit for {@link MemmapKind#LIMIT}, 0 for {@code exactmap})
 * @param start the range's first physical address (0 for {@code LIMIT} and {@code exactmap})
 * @param oldType for {@link MemmapKind#TYPE_CHANGE}: the e820 type to change, when given
 * @param newType for {@link MemmapKind#TYPE_CHANGE}: the e820 type to give, when given
 * @param text the item as it was written
 */
public record MemmapParameter(
        MemmapKind kind, long size, long start, OptionalInt oldType, OptionalInt newType, String text) {

    public MemmapParameter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(oldType, "oldType");
        Objects.requireNonNull(newType, "newType");
        Objects.requireNonNull(text, "text");
    }

    /** The first byte after the range ({@code start + size}). */
    public long end() {
        return start + size;
    }
}
