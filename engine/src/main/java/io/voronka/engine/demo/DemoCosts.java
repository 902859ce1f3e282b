package io.voronka.engine.demo;

import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Times;

/** Daily spend per ad source: the requests a source brought that day times its cost per request. */
public final class DemoCosts {
    private final int days = (int) (DemoCrm.LAST_DAY.toEpochDay() - DemoCrm.FIRST_DAY.toEpochDay() + 1);
    private final long[][] requests = new long[DemoCrm.CHANNELS.length][days];

    /** Counts a request brought by {@code channel} at a local second. */
    public void request(String channel, long localSecond) {
        int day = (int) (Math.floorDiv(localSecond, 86_400L) - DemoCrm.FIRST_DAY.toEpochDay());
        for (int c = 0; c < DemoCrm.CHANNELS.length; c++) {
            if (DemoCrm.CHANNELS[c].equals(channel) && day >= 0 && day < days) {
                requests[c][day]++;
            }
        }
    }

    /** Calls {@code row} for every (source, day, kopecks) of a paid source. */
    public void forEach(Row row) {
        for (int c = 0; c < DemoCrm.CHANNELS.length; c++) {
            if (DemoCrm.CHANNEL_COST_PER_REQUEST[c] == 0) {
                continue;
            }
            for (int d = 0; d < days; d++) {
                row.accept(DemoCrm.CHANNELS[c], DemoCrm.FIRST_DAY.toEpochDay() + d,
                        Math.round(requests[c][d] * DemoCrm.CHANNEL_COST_PER_REQUEST[c] * 100));
            }
        }
    }

    /** The same spend as a store's cost table for {@code utm_source}. */
    CostTable table() {
        CostTable.Builder table = new CostTable.Builder("utm_source");
        forEach((source, epochDay, kopecks) -> table.add(source,
                Times.toStored(java.time.LocalDate.ofEpochDay(epochDay).atStartOfDay(DemoCrm.ZONE).toEpochSecond()),
                kopecks / 100.0));
        return table.build();
    }

    /** One cost row. */
    @FunctionalInterface
    public interface Row {
        void accept(String source, long epochDay, long kopecks);
    }
}
