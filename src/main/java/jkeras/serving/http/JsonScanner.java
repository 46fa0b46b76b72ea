package jkeras.serving.http;

import java.nio.charset.StandardCharsets;

/**
 * A strict JSON reader over a request body's bytes, for the few shapes a prediction request has:
 * objects, arrays, strings (names) and numbers. Numbers are read without making a String: a
 * request of one 784-pixel image is 784 numbers, and parsing them through strings cost more CPU than
 * the rest of serving it. Anything that is not JSON (NaN, a trailing comma, a bare word) is a 400.
 */
final class JsonScanner {
    /** Powers of ten a double holds exactly: with a mantissa under 2^53, one multiplication or division is correctly rounded. */
    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL, END }

    private final byte[] in;
    private int at;

    JsonScanner(byte[] body) {
        this.in = body;
        // A UTF-8 byte order mark is allowed before the value.
        if (in.length >= 3 && (in[0] & 0xff) == 0xEF && (in[1] & 0xff) == 0xBB && (in[2] & 0xff) == 0xBF) {
            at = 3;
        }
    }

    /** The kind of the next value (after whitespace), without consuming it. */
    Kind peek() {
        skipSpace();
        if (at >= in.length) {
            return Kind.END;
        }
        return switch (in[at]) {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
            default -> throw malformed("unexpected character '" + printable(in[at]) + "'");
        };
    }

    void beginObject() {
        expect('{');
    }

    void beginArray() {
        expect('[');
    }

    /**
     * Inside an object or array whose opening bracket was read: whether another member follows,
     * consuming the separating comma or the closing bracket. A comma before the closing bracket is
     * refused when the member after it is read.
     */
    boolean hasNext(char close, boolean first) {
        skipSpace();
        if (at < in.length && in[at] == close) {
            at++;
            return false;
        }
        if (!first) {
            expect(',');
        }
        return true;
    }

    /** An object member's name and its colon. */
    String nextName() {
        String name = nextString();
        expect(':');
        return name;
    }

    String nextString() {
        expect('"');
        StringBuilder s = null;
        int start = at;
        while (true) {
            if (at >= in.length) {
                throw malformed("an unterminated string");
            }
            byte b = in[at];
            if (b == '"') {
                String tail = new String(in, start, at - start, StandardCharsets.UTF_8);
                at++;
                return s == null ? tail : s.append(tail).toString();
            }
            if ((b & 0xff) < 0x20) {
                throw malformed("a control character in a string");
            }
            if (b == '\\') {
                s = s == null ? new StringBuilder() : s;
                s.append(new String(in, start, at - start, StandardCharsets.UTF_8));
                at++;
                if (at >= in.length) {
                    throw malformed("an unterminated string");
                }
                char c = (char) in[at++];
                switch (c) {
                    case '"', '\\', '/' -> s.append(c);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (at + 4 > in.length) {
                            throw malformed("a short \\u escape");
                        }
                        try {
                            s.append((char) Integer.parseInt(new String(in, at, 4, StandardCharsets.US_ASCII), 16));
                        } catch (NumberFormatException e) {
                            throw malformed("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw malformed("a bad escape \\" + c);
                }
                start = at;
            } else {
                at++;
            }
        }
    }

    /** A JSON number, as the nearest double. */
    double nextNumber() {
        skipSpace();
        int start = at;
        boolean negative = false;
        if (at < in.length && in[at] == '-') {
            negative = true;
            at++;
        }
        long mantissa = 0;
        int digits = 0;      // significant digits kept in mantissa
        int dropped = 0;     // integer digits that did not fit
        int intStart = at;
        while (at < in.length && isDigit(in[at])) {
            if (digits < 18) {
                mantissa = mantissa * 10 + (in[at] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                dropped++;
            }
            at++;
        }
        int intDigits = at - intStart;
        if (intDigits == 0 || intDigits > 1 && in[intStart] == '0') {
            at = start;
            throw malformed("a malformed number");
        }
        int scale = dropped; // the value is mantissa * 10^scale
        boolean exact = dropped == 0;
        if (at < in.length && in[at] == '.') {
            at++;
            int fracStart = at;
            while (at < in.length && isDigit(in[at])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (in[at] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    scale--;
                } else if (in[at] != '0') {
                    exact = false;
                }
                at++;
            }
            if (at == fracStart) {
                throw malformed("a number with no digits after '.'");
            }
        }
        if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
            at++;
            boolean negativeExponent = false;
            if (at < in.length && (in[at] == '+' || in[at] == '-')) {
                negativeExponent = in[at] == '-';
                at++;
            }
            int expStart = at;
            int exponent = 0;
            while (at < in.length && isDigit(in[at])) {
                exponent = Math.min(exponent * 10 + (in[at] - '0'), 100_000);
                at++;
            }
            if (at == expStart) {
                throw malformed("a number with no exponent digits");
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (exact && mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
            double v = scale >= 0 ? mantissa * EXACT_POWERS[scale] : mantissa / EXACT_POWERS[-scale];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(in, start, at - start, StandardCharsets.US_ASCII));
    }

    /** Consumes true, false or null; the literal, for messages. */
    String nextLiteral() {
        for (String word : new String[] {"true", "false", "null"}) {
            if (matches(word)) {
                at += word.length();
                return word;
            }
        }
        throw malformed("a bare word");
    }

    /** Throws unless only whitespace is left. */
    void end() {
        if (peekByteAfterSpace() >= 0) {
            throw malformed("more after the request object");
        }
    }

    private int peekByteAfterSpace() {
        skipSpace();
        return at < in.length ? in[at] : -1;
    }

    private boolean matches(String word) {
        if (at + word.length() > in.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        int after = at + word.length();
        return after == in.length || !Character.isLetterOrDigit(in[after]);
    }

    private void expect(char c) {
        skipSpace();
        if (at >= in.length) {
            throw malformed("the body ended where '" + c + "' was expected");
        }
        if (in[at] != c) {
            throw malformed("'" + printable(in[at]) + "' where '" + c + "' was expected");
        }
        at++;
    }

    private void skipSpace() {
        while (at < in.length) {
            byte b = in[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? Character.toString((char) b) : String.format("\\x%02x", b & 0xff);
    }

    HttpError malformed(String what) {
        return HttpError.badRequest("malformed JSON: " + what + " at byte " + at);
    }
}
