package io.voronka.engine.testing;

import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoEvent;
import io.voronka.engine.demo.DemoSink;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;

import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The demo CRM plus the two things that break limits: one very heavy user (a bot or a shared account) whose events
 * cycle through the funnel's steps all year, and a dimension {@value #WIDE_DIMENSION} with
 * {@value #WIDE_VALUES} values spread over all rows. Shared by the engine's limit tests and the server's fuzzer.
 */
public final class HeavyUserStore {
    /** The heavy user's key. */
    public static final long HEAVY_USER = 99_999_999L;
    public static final String WIDE_DIMENSION = "d50k";
    public static final int WIDE_VALUES = 50_000;

    /** The steps the heavy user cycles through: request, first-line call, WhatsApp, intro done, and payments. */
    private static final DemoEvent[] CYCLE = {DemoEvent.REQUEST, DemoEvent.FIRST_LINE_CALL, DemoEvent.WHATSAPP,
        DemoEvent.INTRO_DONE, DemoEvent.REQUEST, DemoEvent.INTRO_BOOKED};

    private HeavyUserStore() {
    }

    /**
     * @param demoEvents  rows of the demo CRM around the heavy user
     * @param heavyEvents rows of the heavy user (a payment every 7th)
     */
    public static EventStore build(long demoEvents, int heavyEvents) {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        builder.reserve(demoEvents + heavyEvents);
        DemoStoreSink sink = new DemoStoreSink(builder);
        new DemoCrm(5, demoEvents).generate(sink);
        heavyUser(sink, heavyEvents);
        int wide = builder.dimension(WIDE_DIMENSION);
        for (int v = 0; v < WIDE_VALUES; v++) {
            builder.dimensionAt(wide).intern("v" + v);
        }
        int rows = builder.rowCount();
        for (int row = 0; row < rows; row++) {
            // every value used, neighbouring rows (one user's events) in different groups
            builder.dimensionValue(row, wide, (int) ((row * 7919L) % WIDE_VALUES));
        }
        builder.costs(sink.costs());
        return builder.build(2);
    }

    /** The heavy user's rows, evenly over the demo's year, local times as the demo writes them. */
    private static void heavyUser(DemoSink sink, int events) {
        long first = DemoCrm.FIRST_DAY.atTime(LocalTime.of(8, 0)).toEpochSecond(ZoneOffset.UTC);
        long last = DemoCrm.LAST_DAY.atTime(LocalTime.of(20, 0)).toEpochSecond(ZoneOffset.UTC);
        double step = (double) (last - first) / events;
        for (int i = 0; i < events; i++) {
            long at = first + (long) (i * step);
            if (i % 7 == 6) {
                sink.payment(HEAVY_USER, 900_000_000L + i, at, "RUB", 150_000, false, "course");
            } else {
                sink.event(HEAVY_USER, CYCLE[i % CYCLE.length].id(), at, i % 2 == 0 ? "google" : null, "web", null);
            }
        }
    }
}
