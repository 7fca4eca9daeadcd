package dev.webboot.cli.menu;

import dev.webboot.fetch.Progress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;

/** A view whose answers are scripted: each choose() takes the next answer; everything shown is recorded. */
final class ScriptedView implements MenuView {
    final List<Screen> screens = new ArrayList<>();
    final List<String> shown = new ArrayList<>();
    final List<Progress> progress = new ArrayList<>();
    private final Deque<ToIntFunction<Screen>> choices = new ArrayDeque<>();
    private final Deque<String> answers = new ArrayDeque<>();
    final List<Boolean> maskedAsks = new ArrayList<>();

    /** Picks the first option that contains {@code text}; fails when the screen has none. */
    ScriptedView pick(String text) {
        choices.add(screen -> {
            for (int i = 0; i < screen.options().size(); i++) {
                if (screen.options().get(i).contains(text)) {
                    return i;
                }
            }
            throw new AssertionError("no option \"" + text + "\" on " + screen);
        });
        return this;
    }

    ScriptedView enter() {
        choices.add(Screen::initial);
        return this;
    }

    ScriptedView escape() {
        choices.add(Screen::escape);
        return this;
    }

    ScriptedView type(String answer) {
        answers.add(answer);
        return this;
    }

    List<String> titles() {
        return screens.stream().map(Screen::title).toList();
    }

    Screen last() {
        return screens.get(screens.size() - 1);
    }

    @Override
    public int choose(Screen screen) {
        screens.add(screen);
        if (choices.isEmpty()) {
            throw new AssertionError("the script has no answer for " + screen);
        }
        return choices.removeFirst().applyAsInt(screen);
    }

    @Override
    public String ask(String title, String prompt, boolean masked) {
        shown.add(title + " / " + prompt);
        maskedAsks.add(masked);
        if (answers.isEmpty()) {
            throw new AssertionError("the script has no answer for " + prompt);
        }
        return answers.removeFirst();
    }

    @Override
    public void begin(String title) {
        shown.add("== " + title);
    }

    @Override
    public void say(String line) {
        shown.add(line);
    }

    @Override
    public void progress(String name, Progress update) {
        progress.add(update);
    }

    @Override
    public void close() {}
}
