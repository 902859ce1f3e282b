package io.voronka.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The overlap a refresh reads again below a source's watermark, for rows committed late: a duration for a time
 * column ({@code 10m}, {@code 2h}, {@code 1d}) or a count of ids for an integer column ({@code 1000}).
 */
public record LateRows(Duration duration, long ids) {
    public static final LateRows NONE = new LateRows(Duration.ZERO, 0);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");
    private static final Pattern COUNT = Pattern.compile("\\d+");

    public boolean isNone() {
        return duration.isZero() && ids == 0;
    }

    public boolean isDuration() {
        return !duration.isZero();
    }

    /** Parses {@code 10m}, {@code 30s}, {@code 2h}, {@code 1d} or a whole number; null for anything else. */
    public static LateRows parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return d.isZero() ? NONE : new LateRows(d, 0);
        }
        if (COUNT.matcher(t).matches() && t.length() < 18) {
            long n = Long.parseLong(t);
            return n == 0 ? NONE : new LateRows(Duration.ZERO, n);
        }
        return null;
    }
}
