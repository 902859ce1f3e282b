package io.voronka.engine.testing;

import io.voronka.engine.query.Bucket;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Bucket labels computed plainly with java.time: the reference the arithmetic CalendarBuckets must match. */
public final class JavaTimeLabels {
    private JavaTimeLabels() {
    }

    public static String label(Bucket bucket, ZonedDateTime t) {
        LocalDate day = t.toLocalDate();
        return switch (bucket) {
            case TOTAL -> "total";
            case HOUR -> day + String.format(" %02d:00", t.getHour());
            case DAY -> day.toString();
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L).toString();
            case MONTH -> String.format("%04d-%02d", day.getYear(), day.getMonthValue());
            case WEEKDAY -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case HOUR_OF_DAY -> String.format("%02d", t.getHour());
        };
    }
}
