package io.voronka.engine.result;

import java.util.Collection;

/**
 * Rough heap sizes of results, for the result cache's byte budget: a boxed number in a list about 24 bytes (object
 * header, value, reference), a string about 48 bytes plus two per character. Estimates, not measurements.
 */
public final class ResultSize {
    /** The fixed part of any result and its lists. */
    static final long BASE = 256;
    private static final long NUMBER = 24;
    private static final long STRING = 48;

    private ResultSize() {
    }

    /** A list of {@code n} boxed numbers. */
    public static long numbers(int n) {
        return 16 + n * NUMBER;
    }

    /** A string, or a null reference (8 bytes). */
    public static long text(String s) {
        return s == null ? 8 : STRING + 2L * s.length();
    }

    public static long texts(Collection<String> strings) {
        long bytes = 16;
        for (String s : strings) {
            bytes += text(s);
        }
        return bytes;
    }
}
