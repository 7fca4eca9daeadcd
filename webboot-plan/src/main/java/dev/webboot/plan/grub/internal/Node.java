package dev.webboot.plan.grub.internal;

import java.util.List;

/** The syntax tree of a GRUB script. */
public sealed interface Node {
    int offset();

    /** A sequence of commands. */
    record Block(List<Node> commands, int offset) implements Node {
        public Block {
            commands = List.copyOf(commands);
        }
    }

    /** A simple command: its words, the first naming the command. */
    record Command(List<Word> words, int offset) implements Node {
        public Command {
            words = List.copyOf(words);
        }
    }

    /** {@code if C; then B; elif C; then B; else B; fi}: conditions and bodies pairwise, then the else body. */
    record If(List<Block> conditions, List<Block> bodies, Block otherwise, int offset) implements Node {
        public If {
            conditions = List.copyOf(conditions);
            bodies = List.copyOf(bodies);
        }
    }

    /** {@code while C; do B; done}, or {@code until} when {@code until} is set. */
    record Loop(Block condition, Block body, boolean until, int offset) implements Node {}

    /** {@code for NAME in WORDS; do B; done}. */
    record For(String variable, List<Word> items, Block body, int offset) implements Node {
        public For {
            items = List.copyOf(items);
        }
    }

    /** {@code function NAME { B }}. */
    record Function(String name, Block body, int offset) implements Node {}

    /** {@code menuentry ARGS { B }} or {@code submenu ARGS { B }}. */
    record Menu(boolean submenu, List<Word> arguments, Block body, int offset) implements Node {
        public Menu {
            arguments = List.copyOf(arguments);
        }
    }
}
