package dev.webhooks.domain.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Recursive-descent parser for filter text; nesting is bounded so no input can exhaust the stack. */
final class FilterParser {
    private static final Set<String> UNSUPPORTED_OPERATORS = Set.of("co", "sw", "ew", "gt", "ge", "lt", "le", "pr");
    private static final String ATTRIBUTES = "id, spaceId, topLevelResourceId, data.status";

    private enum Kind { OPEN, CLOSE, WORD, STRING }

    private record Token(Kind kind, String text, int position) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private final String text;
    private final Set<FilterAttribute> used;
    private final List<Token> tokens;
    private int next;

    FilterParser(String text, Set<FilterAttribute> used) {
        this.text = text;
        this.used = used;
        this.tokens = tokenize(text);
    }

    FilterNode parse() {
        FilterNode root = expression(0);
        if (next < tokens.size()) {
            throw unexpected(tokens.get(next), "expected 'and', 'or' or the end of the filter");
        }
        return root;
    }

    private FilterNode expression(int depth) {
        FilterNode left = term(depth);
        while (peekWord("or")) {
            next++;
            left = new FilterNode.Or(left, term(depth));
        }
        return left;
    }

    private FilterNode term(int depth) {
        FilterNode left = factor(depth);
        while (peekWord("and")) {
            next++;
            left = new FilterNode.And(left, factor(depth));
        }
        return left;
    }

    private FilterNode factor(int depth) {
        Token token = take("an attribute or '('");
        if (token.kind() == Kind.OPEN) {
            return group(token, depth + 1);
        }
        if (token.kind() != Kind.WORD) {
            throw unexpected(token, "expected an attribute or '('");
        }
        return comparison(attribute(token));
    }

    private FilterNode group(Token open, int depth) {
        if (depth > Filter.MAX_DEPTH) {
            throw new FilterSyntaxException("filter nests deeper than " + Filter.MAX_DEPTH + " levels at position " + open.position());
        }
        FilterNode inner = expression(depth);
        if (next >= tokens.size() || tokens.get(next).kind() != Kind.CLOSE) {
            throw new FilterSyntaxException("expected ')' at position " + currentPosition());
        }
        next++;
        return inner;
    }

    private FilterAttribute attribute(Token token) {
        if (token.isWord("not")) {
            throw new FilterSyntaxException("unsupported operator 'not' at position " + token.position() + "; supported: eq, ne");
        }
        return FilterAttribute.named(token.text()).orElseThrow(() -> new FilterSyntaxException(
                "unknown attribute '" + shorten(token.text()) + "' at position " + token.position() + "; supported: " + ATTRIBUTES));
    }

    private FilterNode comparison(FilterAttribute attribute) {
        Token operator = take("an operator (eq, ne)");
        boolean negated = operator.isWord("ne");
        if (!negated && !operator.isWord("eq")) {
            throw badOperator(operator);
        }
        Token value = take("a value");
        if (value.kind() != Kind.STRING) {
            throw unexpected(value, "expected a JSON string value in double quotes");
        }
        checkValue(attribute, value);
        used.add(attribute);
        return new FilterNode.Comparison(attribute, value.text(), negated);
    }

    private static void checkValue(FilterAttribute attribute, Token value) {
        if (attribute == FilterAttribute.DATA_STATUS && !value.text().equals("ok") && !value.text().equals("error")) {
            throw new FilterSyntaxException("value of data.status must be \"ok\" or \"error\" at position " + value.position());
        }
    }

    private static FilterSyntaxException badOperator(Token operator) {
        if (operator.kind() == Kind.WORD && UNSUPPORTED_OPERATORS.contains(operator.text().toLowerCase(Locale.ROOT))) {
            return new FilterSyntaxException("unsupported operator '" + operator.text() + "' at position "
                    + operator.position() + "; supported: eq, ne");
        }
        return unexpected(operator, "expected an operator (eq, ne)");
    }

    private Token take(String expected) {
        if (next >= tokens.size()) {
            throw new FilterSyntaxException("unexpected end of filter at position " + text.length() + "; expected " + expected);
        }
        return tokens.get(next++);
    }

    private boolean peekWord(String word) {
        return next < tokens.size() && tokens.get(next).isWord(word);
    }

    private int currentPosition() {
        return next < tokens.size() ? tokens.get(next).position() : text.length();
    }

    private static FilterSyntaxException unexpected(Token token, String hint) {
        String shown = token.kind() == Kind.STRING ? "\"" + shorten(token.text()) + "\"" : shorten(token.text());
        return new FilterSyntaxException("unexpected token '" + shown + "' at position " + token.position() + "; " + hint);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i));
                i++;
            } else if (c == '"') {
                i = readString(text, i, tokens);
            } else {
                int start = i;
                while (i < text.length() && " \t\n\r()\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            }
        }
        return tokens;
    }

    private static int readString(String text, int start, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                tokens.add(new Token(Kind.STRING, value.toString(), start));
                return i + 1;
            }
            if (c < 0x20) {
                throw new FilterSyntaxException("control character in string at position " + i);
            }
            if (c == '\\') {
                i = readEscape(text, i, value);
            } else {
                value.append(c);
                i++;
            }
        }
        throw new FilterSyntaxException("unterminated string starting at position " + start);
    }

    private static int readEscape(String text, int backslash, StringBuilder value) {
        if (backslash + 1 >= text.length()) {
            throw new FilterSyntaxException("unterminated string escape at position " + backslash);
        }
        char escaped = text.charAt(backslash + 1);
        switch (escaped) {
            case '"', '\\', '/' -> value.append(escaped);
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> {
                return readUnicodeEscape(text, backslash, value);
            }
            default -> throw new FilterSyntaxException("invalid escape '\\" + escaped + "' at position " + backslash);
        }
        return backslash + 2;
    }

    private static int readUnicodeEscape(String text, int backslash, StringBuilder value) {
        int end = backslash + 6;
        if (end > text.length()) {
            throw new FilterSyntaxException("invalid unicode escape at position " + backslash);
        }
        int code = 0;
        for (int i = backslash + 2; i < end; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new FilterSyntaxException("invalid unicode escape at position " + backslash);
            }
            code = code * 16 + digit;
        }
        value.append((char) code);
        return end;
    }
}
