package io.voronka.engine.demo;

import io.voronka.engine.load.ZoneOffsetTable;
import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A deterministic Afisha-like ticket service (seeds 002/003): visitors arrive from ad sources ({@code source_id}
 * 1…10) on a device ({@code desktop}/{@code touch}) and come back in sessions of a few page hits ({@code visit}
 * events, minutes apart); some buy ({@code order}, value = revenue), a few again in later months; each paid source
 * costs an amount per visitor it brought, day by day ({@link #costs()}). Over the demo CRM's year, for users of
 * their own.
 */
public final class DemoAfisha {
    public static final long FIRST_VISITOR = 90_000_000L;
    private static final double[] SOURCE_SHARE = {0.09, 0.13, 0.24, 0.28, 0.18, 0.0003, 0.0001, 0.0, 0.04, 0.03};
    private static final double[] SOURCE_COST_PER_VISITOR = {1.1, 1.3, 1.6, 0.6, 0.7, 0, 0, 0, 0.5, 0.6};
    private static final double[] SOURCE_BUYERS = {0.26, 0.22, 0.15, 0.16, 0.17, 0.1, 0.1, 0.1, 0.14, 0.16};
    private static final long DAY = 86_400;

    private final long seed;
    private final int visitors;
    private final int days = (int) (DemoCrm.LAST_DAY.toEpochDay() - DemoCrm.FIRST_DAY.toEpochDay() + 1);
    private final double[][] spend = new double[SOURCE_SHARE.length][days];

    public DemoAfisha(long seed, int visitors) {
        if (visitors < 1) {
            throw new IllegalArgumentException("visitors must be >= 1, was " + visitors);
        }
        this.seed = seed;
        this.visitors = visitors;
    }

    /**
     * Adds source {@code visits} (type {@code visit}, dimensions source_id and device) and source {@code orders}
     * (type {@code order}, value = revenue) to a store; returns the rows added. {@link #costs()} is filled as a side
     * effect.
     */
    public long addTo(StoreBuilder builder) {
        ZoneOffsetTable zone = new ZoneOffsetTable(DemoCrm.ZONE);
        int visits = builder.source("visits");
        int orders = builder.source("orders");
        int visit = builder.types().constant("visit");
        int order = builder.types().constant("order");
        int sourceId = builder.dimension("source_id");
        int device = builder.dimension("device");
        long first = DemoCrm.FIRST_DAY.toEpochDay() * DAY;
        long end = first + days * DAY;
        long rows = 0;
        for (int v = 0; v < visitors; v++) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + v);
            int user = builder.users().internLong(FIRST_VISITOR + v);
            int source = pick(r.nextDouble());
            String deviceName = r.nextDouble() < 0.73 ? "desktop" : "touch";
            int day = r.nextInt(days);
            spend[source][day] += SOURCE_COST_PER_VISITOR[source];
            long session = first + day * DAY + (8 + r.nextInt(16)) * 3600L + r.nextInt(3600);
            boolean buyer = r.nextDouble() < SOURCE_BUYERS[source] * (deviceName.equals("touch") ? 0.7 : 1.0);
            int sessions = 1 + (int) (-Math.log(1 - r.nextDouble()) * (buyer ? 3 : 0.8));
            for (int s = 0; s < sessions && session < end; s++) {
                int hits = 1 + r.nextInt(4);
                long t = session;
                for (int h = 0; h < hits && t < end; h++) {
                    int row = builder.append(visits, user, visit, zone.epochSecond(t));
                    builder.dimensionValue(row, sourceId, builder.dimensionAt(sourceId).intern(Integer.toString(source + 1)));
                    builder.dimensionValue(row, device, builder.dimensionAt(device).intern(deviceName));
                    rows++;
                    t += 20 + r.nextInt(600);
                }
                if (buyer && (s == 0 || r.nextDouble() < 0.35) && t < end) {
                    int row = builder.append(orders, user, order, zone.epochSecond(t + 60));
                    builder.value(row, Math.round(100 * Math.exp(1.0 + 0.9 * gaussian(r))) / 100.0);
                    rows++;
                }
                session = t + (long) (-Math.log(1 - r.nextDouble()) * 20 * DAY) + DAY / 2;
            }
        }
        return rows;
    }

    /** Spend per source_id and day for the visitors generated so far. */
    public CostTable costs() {
        CostTable.Builder table = new CostTable.Builder("source_id");
        for (int s = 0; s < SOURCE_SHARE.length; s++) {
            if (SOURCE_COST_PER_VISITOR[s] == 0) {
                continue;
            }
            for (int d = 0; d < days; d++) {
                LocalDate day = DemoCrm.FIRST_DAY.plusDays(d);
                table.add(Integer.toString(s + 1), Times.toStored(day.atStartOfDay(DemoCrm.ZONE).toEpochSecond()),
                        Math.round(spend[s][d] * 100) / 100.0);
            }
        }
        return table.build();
    }

    private static int pick(double u) {
        double total = 0;
        for (double share : SOURCE_SHARE) {
            total += share;
        }
        double acc = 0;
        for (int i = 0; i < SOURCE_SHARE.length; i++) {
            acc += SOURCE_SHARE[i] / total;
            if (u < acc) {
                return i;
            }
        }
        return SOURCE_SHARE.length - 1;
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
