package io.voronka.engine.load.csv;

import io.voronka.engine.load.ZoneOffsetTable;

/**
 * Parses times written as text (CSV sources) to epoch seconds without java.time per value:
 * {@code yyyy-MM-dd HH:mm[:ss[.fff]]} (or with {@code T}) and {@code yyyy-MM-dd} are wall-clock times in the
 * configured zone; a trailing {@code Z} or {@code +hh:mm}/{@code -hhmm} makes it an instant. The fraction of a
 * second (up to nanoseconds; further digits are ignored) is left out of the seconds and kept for
 * {@link #lastNanos()}. Not thread-safe (it holds a {@link ZoneOffsetTable} and the last fraction).
 */
public final class TimeTextParser {
    public static final String FORMATS = "yyyy-MM-dd HH:mm:ss[.fff], yyyy-MM-dd or an ISO instant such as 2017-06-01T00:10:00Z";
    private final ZoneOffsetTable zone;
    private int nanos;

    TimeTextParser(ZoneOffsetTable zone) {
        this.zone = zone;
    }

    /** The calendar date as written (days since 1970-01-01); the rest must be a valid time too. */
    long epochDay(String s) {
        epochSecond(s);
        return epochDay(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
    }

    /** The fraction of a second of the time {@link #epochSecond} parsed last, in nanoseconds. */
    int lastNanos() {
        return nanos;
    }

    /** @throws IllegalArgumentException naming the accepted formats */
    long epochSecond(String s) {
        nanos = 0;
        final int len = s.length();
        if (len < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw bad(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw bad(s);
        }
        long local = epochDay(year, month, day) * 86_400L;
        if (len == 10) {
            return zone.epochSecond(local);
        }
        char sep = s.charAt(10);
        if ((sep != ' ' && sep != 'T') || len < 16 || s.charAt(13) != ':') {
            throw bad(s);
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int p = 16;
        if (p < len && s.charAt(p) == ':') {
            if (len < 19) {
                throw bad(s);
            }
            second = digits(s, 17, 2);
            p = 19;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw bad(s);
        }
        local += hour * 3600L + minute * 60L + second;
        if (p < len && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            p++;
            int scale = 100_000_000;
            while (p < len && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                nanos += (s.charAt(p) - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (p == len) {
            return zone.epochSecond(local);
        }
        char z = s.charAt(p);
        if (z == 'Z' && p + 1 == len) {
            return local;
        }
        if (z != '+' && z != '-') {
            throw bad(s);
        }
        int offsetHours = digits(s, p + 1, 2);
        int q = p + 3;
        if (q < len && s.charAt(q) == ':') {
            q++;
        }
        int offsetMinutes = q < len ? digits(s, q, 2) : 0;
        if (q < len && q + 2 != len) {
            throw bad(s);
        }
        int offset = (offsetHours * 3600 + offsetMinutes * 60) * (z == '-' ? -1 : 1);
        return local - offset;
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            throw bad(s);
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("time '" + s + "' is not " + FORMATS);
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
