/**
 * Persistent-memory (pmem) devices: discovery, {@code memmap=} planning and staging images into block devices.
 */
package dev.webboot.pmem;
