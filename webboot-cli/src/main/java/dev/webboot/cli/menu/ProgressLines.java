package dev.webboot.cli.menu;

import dev.webboot.fetch.ProgressListener;
import java.io.PrintWriter;

/** Makes the display of one download's progress (the command line's progress bar, given by the caller). */
@FunctionalInterface
public interface ProgressLines {
    /**
     * @param out where the progress goes
     * @param name what is downloaded
     * @param inPlace one line redrawn with a carriage return (a terminal), or a plain line per step (a serial console)
     */
    ProgressListener open(PrintWriter out, String name, boolean inPlace);
}
