package dev.webhooks.domain.event.json;

/** The RFC 8259 number grammar, shared by the parser and {@link JsonNumber}. */
final class NumberGrammar {

    private NumberGrammar() {
    }

    /** Returns the end index of the number starting at {@code start}, or {@code -(errorIndex + 1)}. */
    static int scan(CharSequence s, int start) {
        int i = start;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        if (!digitAt(s, i)) {
            return -(i + 1);
        }
        i = s.charAt(i) == '0' ? i + 1 : digits(s, i);
        if (i < s.length() && s.charAt(i) == '.') {
            i = requiredDigits(s, i + 1);
            if (i < 0) {
                return i;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            i = requiredDigits(s, i);
        }
        return i;
    }

    private static int requiredDigits(CharSequence s, int i) {
        return digitAt(s, i) ? digits(s, i) : -(i + 1);
    }

    private static int digits(CharSequence s, int i) {
        while (digitAt(s, i)) {
            i++;
        }
        return i;
    }

    private static boolean digitAt(CharSequence s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
