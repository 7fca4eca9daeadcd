package dev.webboot.cli;

import dev.webboot.pmem.Memmap;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a byte count: {@code 1073741824}, {@code 0x40000000}, {@code 1G}, {@code 512M} (the kernel's memparse). */
final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            long size = Memmap.parseSize(value);
            if (size <= 0) {
                throw new TypeConversionException("'" + value + "' is not a positive size");
            }
            return size;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a size (bytes, or with K, M, G, T)");
        }
    }
}
