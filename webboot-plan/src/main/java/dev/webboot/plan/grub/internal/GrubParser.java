package dev.webboot.plan.grub.internal;

import dev.webboot.iso.MalformedImageException;
import dev.webboot.plan.internal.ConfigText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for GRUB's script grammar: simple commands, {@code if/elif/else/fi}, {@code while} and
 * {@code until}, {@code for}, {@code function}, {@code menuentry} and {@code submenu} blocks. Keywords count only where
 * a command starts. Nesting is capped so that a hostile file cannot exhaust the stack.
 */
public final class GrubParser {
    /** Deepest nesting of blocks accepted. */
    static final int MAX_NESTING = 64;

    private final ConfigText config;
    private final List<Token> tokens;
    private int index;
    private int depth;

    private GrubParser(ConfigText config) throws MalformedImageException {
        this.config = config;
        this.tokens = new GrubLexer(config).tokens();
    }

    /** Parses a whole script; throws naming the file, line and byte offset of the first syntax error. */
    public static Node.Block parse(ConfigText config) throws MalformedImageException {
        GrubParser parser = new GrubParser(config);
        Node.Block block = parser.block(Set.of());
        Token end = parser.peek();
        if (end.kind() != Token.Kind.END) {
            throw config.error(end.offset(), "unexpected " + describe(end));
        }
        return block;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token take() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    private void skipSeparators() {
        while (peek().kind() == Token.Kind.NEWLINE || peek().kind() == Token.Kind.SEMICOLON) {
            index++;
        }
    }

    /** Commands until a keyword in {@code terminators} starts a command, or a {@code }} or the end. */
    private Node.Block block(Set<String> terminators) throws MalformedImageException {
        if (++depth > MAX_NESTING) {
            throw config.error(peek().offset(), "blocks nested deeper than " + MAX_NESTING);
        }
        int offset = peek().offset();
        List<Node> commands = new ArrayList<>();
        while (true) {
            skipSeparators();
            Token token = peek();
            if (token.kind() == Token.Kind.END || token.kind() == Token.Kind.CLOSE_BRACE) {
                break;
            }
            if (token.kind() == Token.Kind.WORD
                    && token.word().bareText() != null
                    && terminators.contains(token.word().bareText())) {
                break;
            }
            commands.add(command());
        }
        depth--;
        return new Node.Block(commands, offset);
    }

    private Node command() throws MalformedImageException {
        Token first = peek();
        if (first.kind() == Token.Kind.OPEN_BRACE) {
            throw config.error(first.offset(), "unexpected {");
        }
        String keyword = first.word().bareText();
        if (keyword != null) {
            switch (keyword) {
                case "if":
                    return ifCommand();
                case "while":
                case "until":
                    return loop(keyword.equals("until"));
                case "for":
                    return forCommand();
                case "function":
                    return function();
                case "menuentry":
                case "submenu":
                    return menu(keyword.equals("submenu"));
                case "then", "elif", "else", "fi", "do", "done":
                    throw config.error(first.offset(), "unexpected '" + keyword + "'");
                default:
                    break;
            }
        }
        List<Word> words = new ArrayList<>();
        while (peek().kind() == Token.Kind.WORD) {
            words.add(take().word());
        }
        Token after = peek();
        if (after.kind() == Token.Kind.OPEN_BRACE) {
            throw config.error(after.offset(), "unexpected { after a command");
        }
        return new Node.Command(words, first.offset());
    }

    private void expectKeyword(String keyword, int openedAt) throws MalformedImageException {
        skipSeparators();
        Token token = peek();
        if (!token.isWord(keyword)) {
            throw config.error(
                    token.offset(),
                    "expected '" + keyword + "' (block opened on line " + config.lineOf(openedAt) + ") but found "
                            + describe(token));
        }
        take();
    }

    private Node ifCommand() throws MalformedImageException {
        int offset = take().offset();
        List<Node.Block> conditions = new ArrayList<>();
        List<Node.Block> bodies = new ArrayList<>();
        Node.Block otherwise = new Node.Block(List.of(), offset);
        conditions.add(block(Set.of("then")));
        expectKeyword("then", offset);
        bodies.add(block(Set.of("elif", "else", "fi")));
        while (true) {
            skipSeparators();
            Token token = peek();
            if (token.isWord("elif")) {
                take();
                conditions.add(block(Set.of("then")));
                expectKeyword("then", offset);
                bodies.add(block(Set.of("elif", "else", "fi")));
            } else if (token.isWord("else")) {
                take();
                otherwise = block(Set.of("fi"));
                expectKeyword("fi", offset);
                break;
            } else {
                expectKeyword("fi", offset);
                break;
            }
        }
        return new Node.If(conditions, bodies, otherwise, offset);
    }

    private Node loop(boolean until) throws MalformedImageException {
        int offset = take().offset();
        Node.Block condition = block(Set.of("do"));
        expectKeyword("do", offset);
        Node.Block body = block(Set.of("done"));
        expectKeyword("done", offset);
        return new Node.Loop(condition, body, until, offset);
    }

    private Node forCommand() throws MalformedImageException {
        int offset = take().offset();
        Token name = take();
        if (name.kind() != Token.Kind.WORD || name.word().bareText() == null) {
            throw config.error(name.offset(), "expected a variable name after 'for'");
        }
        Token in = take();
        if (!in.isWord("in")) {
            throw config.error(
                    in.offset(), "expected 'in' after 'for " + name.word().bareText() + "'");
        }
        List<Word> items = new ArrayList<>();
        while (peek().kind() == Token.Kind.WORD) {
            items.add(take().word());
        }
        expectKeyword("do", offset);
        Node.Block body = block(Set.of("done"));
        expectKeyword("done", offset);
        return new Node.For(name.word().bareText(), items, body, offset);
    }

    private Node function() throws MalformedImageException {
        int offset = take().offset();
        Token name = take();
        if (name.kind() != Token.Kind.WORD || name.word().bareText() == null) {
            throw config.error(name.offset(), "expected a function name after 'function'");
        }
        return new Node.Function(name.word().bareText(), braceBlock(offset), offset);
    }

    private Node menu(boolean submenu) throws MalformedImageException {
        int offset = take().offset();
        List<Word> arguments = new ArrayList<>();
        while (peek().kind() == Token.Kind.WORD) {
            arguments.add(take().word());
        }
        if (arguments.isEmpty()) {
            throw config.error(offset, (submenu ? "submenu" : "menuentry") + " without a title");
        }
        return new Node.Menu(submenu, arguments, braceBlock(offset), offset);
    }

    private Node.Block braceBlock(int openedAt) throws MalformedImageException {
        while (peek().kind() == Token.Kind.NEWLINE) {
            take();
        }
        Token open = take();
        if (open.kind() != Token.Kind.OPEN_BRACE) {
            throw config.error(open.offset(), "expected { but found " + describe(open));
        }
        Node.Block body = block(Set.of());
        Token close = take();
        if (close.kind() != Token.Kind.CLOSE_BRACE) {
            throw config.error(
                    close.offset(),
                    "missing } for the block opened on line " + config.lineOf(openedAt) + ", found " + describe(close));
        }
        return body;
    }

    private static String describe(Token token) {
        return switch (token.kind()) {
            case WORD -> token.word().bareText() != null ? "'" + token.word().bareText() + "'" : "a word";
            case NEWLINE -> "end of line";
            case SEMICOLON -> "';'";
            case OPEN_BRACE -> "{";
            case CLOSE_BRACE -> "}";
            case END -> "end of file";
        };
    }
}
