package io.voronka.engine.store;

import java.time.Instant;

/** Event times are held as int seconds since 2000-01-01T00:00:00Z: years 1932 to 2068 fit. */
public final class Times {
    /** 2000-01-01T00:00:00Z in Unix seconds; also PostgreSQL's own timestamp epoch. */
    public static final long EPOCH = 946_684_800L;
    public static final long MIN_EPOCH_SECOND = EPOCH + Integer.MIN_VALUE + 1;
    public static final long MAX_EPOCH_SECOND = EPOCH + Integer.MAX_VALUE;

    private Times() {
    }

    public static boolean fits(long epochSecond) {
        return epochSecond >= MIN_EPOCH_SECOND && epochSecond <= MAX_EPOCH_SECOND;
    }

    public static int toStored(long epochSecond) {
        assert fits(epochSecond);
        return (int) (epochSecond - EPOCH);
    }

    public static long toEpochSecond(int stored) {
        return stored + EPOCH;
    }

    public static Instant toInstant(int stored) {
        return Instant.ofEpochSecond(toEpochSecond(stored));
    }
}
