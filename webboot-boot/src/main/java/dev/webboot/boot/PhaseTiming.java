package dev.webboot.boot;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one phase of a boot took.
 *
 * @param phase the phase
 * @param duration its wall-clock time
 */
public record PhaseTiming(BootPhase phase, Duration duration) {
    public PhaseTiming {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(duration, "duration");
    }
}
