package dev.webboot.fetch.internal;

/** The transfer rate over roughly the last few seconds (an exponentially weighted moving average). */
final class RateMeter {
    private static final double HALF_LIFE_SECONDS = 3.0;

    private long lastNanos = -1;
    private double bytesPerSecond;
    private long pendingBytes;

    void record(long nowNanos, long bytes) {
        if (lastNanos < 0) {
            lastNanos = nowNanos;
        }
        pendingBytes += bytes;
        double seconds = (nowNanos - lastNanos) / 1e9;
        if (seconds < 0.1) {
            return; // too short an interval to measure
        }
        double instant = pendingBytes / seconds;
        double weight = Math.pow(0.5, seconds / HALF_LIFE_SECONDS);
        bytesPerSecond = bytesPerSecond == 0 ? instant : bytesPerSecond * weight + instant * (1 - weight);
        pendingBytes = 0;
        lastNanos = nowNanos;
    }

    double bytesPerSecond(long nowNanos) {
        return bytesPerSecond;
    }
}
