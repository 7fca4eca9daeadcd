package dev.webboot.cli.menu;

import java.util.List;

/**
 * One choice the menu asks for: a title, lines of information above the list, the options, the option highlighted
 * first, and the option that Escape (or q) stands for.
 *
 * @param title what this screen is for, e.g. "Choose a distribution"
 * @param lines information shown between the title and the options (may be empty)
 * @param options what can be chosen, in display order (at least one)
 * @param initial the index highlighted first and taken when Enter is pressed without a number
 * @param escape the index Escape or q stands for (a Back or Quit option)
 */
public record Screen(String title, List<String> lines, List<String> options, int initial, int escape) {
    public Screen {
        lines = List.copyOf(lines);
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException(title + ": a screen needs at least one option");
        }
        if (initial < 0 || initial >= options.size() || escape < 0 || escape >= options.size()) {
            throw new IllegalArgumentException(title + ": initial or escape option out of range");
        }
    }
}
