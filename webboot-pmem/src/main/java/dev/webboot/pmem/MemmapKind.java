package dev.webboot.pmem;

/** What one {@code memmap=} item asks the x86 kernel to do with a physical range (kernel-parameters.txt). */
public enum MemmapKind {
    /** {@code memmap=exactmap}: forget the firmware map; the following {@code @} items are all the RAM. */
    EXACTMAP,
    /** {@code memmap=nn}: use no RAM above {@code nn} (like {@code mem=}). */
    LIMIT,
    /** {@code memmap=nn@ss}: the range is usable RAM. */
    RAM,
    /** {@code memmap=nn#ss}: the range holds ACPI data. */
    ACPI,
    /** {@code memmap=nn$ss}: the range is reserved: the kernel does not touch it. */
    RESERVED,
    /** {@code memmap=nn!ss}: the range is protected (legacy persistent) memory, which becomes {@code /dev/pmemN}. */
    PERSISTENT,
    /** {@code memmap=nn%ss-old+new}: the range changes e820 type from {@code old} to {@code new}. */
    TYPE_CHANGE
}
