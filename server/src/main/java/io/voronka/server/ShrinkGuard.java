package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SourceReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses new data that lost more than {@code maxShrink} (a share, {@code reload.max_shrink}) of the events of any
 * source, or of the users, against the data serving: a table emptied or half-written by an ETL must not replace
 * good data. Growth and small losses pass. The message names each source that shrank with both counts.
 */
public record ShrinkGuard(double maxShrink) {
    public static final double DEFAULT_MAX_SHRINK = 0.10;

    public ShrinkGuard {
        if (!(maxShrink >= 0 && maxShrink <= 1)) {
            throw new IllegalArgumentException("maxShrink must be from 0 to 1, was " + maxShrink);
        }
    }

    /** @throws VoronkaException of kind {@link ErrorKind#REFUSED} when {@code candidate} lost too much */
    public void check(EventStore serving, EventStore candidate) {
        List<String> losses = new ArrayList<>();
        for (SourceReport before : serving.report()) {
            long now = candidate.report().stream().filter(r -> r.source().equals(before.source()))
                    .mapToLong(SourceReport::kept).findFirst().orElse(0);
            if (lostTooMuch(before.kept(), now)) {
                losses.add(String.format(Locale.ROOT, "source '%s' has %,d events, the data serving %,d (%s fewer)",
                        before.source(), now, before.kept(), percent(before.kept(), now)));
            }
        }
        if (lostTooMuch(serving.userCount(), candidate.userCount())) {
            losses.add(String.format(Locale.ROOT, "%,d users, the data serving %,d (%s fewer)",
                    candidate.userCount(), serving.userCount(), percent(serving.userCount(), candidate.userCount())));
        }
        if (!losses.isEmpty()) {
            throw new VoronkaException(ErrorKind.REFUSED, "the new data was refused: " + String.join("; ", losses)
                    + String.format(Locale.ROOT, "; more than reload.max_shrink = %s allows. The previous data keeps"
                    + " serving; if the loss is real, reload with force (POST /api/reload {\"force\":true},"
                    + " voronka reload --force)", percentText(maxShrink)));
        }
    }

    private boolean lostTooMuch(long before, long now) {
        return before > 0 && now < before && (double) (before - now) / before > maxShrink;
    }

    private static String percent(long before, long now) {
        return percentText((double) (before - now) / before);
    }

    private static String percentText(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
