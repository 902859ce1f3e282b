package io.voronka.engine.load;

import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.Times;

/** Collects the costs a {@link CostsReader} reads; each date becomes its local midnight in the store's zone. */
public final class CostRows {
    private final CostTable.Builder table;
    private final ZoneOffsetTable zone;

    public CostRows(String dimension, ZoneOffsetTable zone) {
        this.table = new CostTable.Builder(dimension);
        this.zone = zone;
    }

    /** A cost on a date (days since 1970-01-01); dates outside the store's time range are left out. */
    public void add(String group, long epochDay, double amount) {
        long epoch = zone.epochSecond(epochDay * 86_400L);
        if (Times.fits(epoch)) {
            table.add(group, Times.toStored(epoch), amount);
        }
    }

    /** The configured time zone, for readers that parse dates themselves. */
    public ZoneOffsetTable zone() {
        return zone;
    }

    public CostTable table() {
        return table.build();
    }
}
