package jkeras.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The request reader's numbers are exactly Java's own parse of the same text; what is not JSON is refused. */
class JsonScannerTest {
    private static double number(String text) {
        return new JsonScanner(text.getBytes(StandardCharsets.UTF_8)).nextNumber();
    }

    @Test
    void numbersEqualDoubleParseDouble() {
        String[] fixed = {"0", "-0", "1", "-1", "0.5", "3.14159", "1e3", "1E-3", "2.5e+10", "123456789012345678901234567890",
            "0.000000000000000000000000001", "4.9e-324", "1.7976931348623157e308", "1e400", "9007199254740993",
            "0.1", "0.30000000000000004", "123.456e-7", "1.0000000000000000000000001"};
        for (String s : fixed) {
            assertEquals(Double.parseDouble(s), number(s), s);
        }
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String s = switch (i % 4) {
                case 0 -> Float.toString(random.nextFloat());
                case 1 -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> Long.toString(random.nextLong());
                default -> Float.toString((float) (random.nextGaussian() * 1000));
            };
            s = s.replace("E", "e");
            assertEquals(Double.parseDouble(s), number(s), s);
            assertEquals(Float.parseFloat(s), (float) number(s), s);
        }
    }

    @Test
    void whatIsNotJsonIsRefused() {
        for (String bad : new String[] {"-", "01", "1.", ".5", "1e", "+1", "NaN", "Infinity", "0x10"}) {
            HttpError e = assertThrows(HttpError.class, () -> {
                JsonScanner in = new JsonScanner(bad.getBytes(StandardCharsets.UTF_8));
                in.peek();
                in.nextNumber();
                in.end();
            }, bad);
            assertEquals(400, e.status);
            assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
        }
    }

    @Test
    void stringsWithEscapes() {
        JsonScanner in = new JsonScanner("\"a\\\"b\\\\c\\u00e9\\n\"".getBytes(StandardCharsets.UTF_8));
        assertEquals("a\"b\\c\u00e9\n", in.nextString());
        JsonScanner trailing = new JsonScanner("[1,]".getBytes(StandardCharsets.UTF_8));
        trailing.beginArray();
        assertTrue(trailing.hasNext(']', true));
        trailing.nextNumber();
        assertTrue(trailing.hasNext(']', false));
        assertThrows(HttpError.class, trailing::peek, "a trailing comma");
    }
}
