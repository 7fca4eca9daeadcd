package dev.webboot.fetch;

import java.util.OptionalLong;

/**
 * The resource does not fit into the sink ({@link DownloadSink#capacity()}): raised as soon as the server says the
 * size (before a body byte is written), or, when it does not say it, when the sink is full. Not retried.
 */
public final class SinkFullException extends DownloadException {
    private final OptionalLong resourceBytes;
    private final long capacity;
    private final String sink;

    /**
     * @param resourceBytes the resource's size, when the server said it
     * @param capacity how many bytes the sink holds
     * @param sink the sink's name ({@code /dev/pmem0})
     */
    public SinkFullException(String source, OptionalLong resourceBytes, long capacity, String sink) {
        super(
                resourceBytes.isPresent()
                        ? source + ": the resource is " + resourceBytes.getAsLong() + " bytes, but " + sink + " holds "
                                + capacity
                        : source + ": the resource is larger than the " + capacity + " bytes " + sink + " holds");
        this.resourceBytes = resourceBytes;
        this.capacity = capacity;
        this.sink = sink;
    }

    /** The resource's size, when the server said it. */
    public OptionalLong resourceBytes() {
        return resourceBytes;
    }

    /** How many bytes the sink holds. */
    public long capacity() {
        return capacity;
    }

    /** The sink's name. */
    public String sink() {
        return sink;
    }
}
