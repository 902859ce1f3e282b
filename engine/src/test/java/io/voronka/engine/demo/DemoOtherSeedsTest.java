package io.voronka.engine.demo;

import io.voronka.engine.store.CostTable;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call centre and the Afisha-like set are deterministic and have the shape their seeds describe. */
class DemoOtherSeedsTest {
    private static EventStore store(long seed) {
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        new DemoCallCentre(seed, 500).addTo(builder);
        new DemoAfisha(seed, 2000).addTo(builder);
        return builder.build(1);
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        assertEquals(store(5).eventCount(), store(5).eventCount());
        assertTrue(store(5).eventCount() != store(6).eventCount());
    }

    @Test
    void callsCarryEveryDimensionTheSeedAsksAbout() {
        Set<String> dimensions = new HashSet<>();
        store(1).dimensions().forEach(d -> dimensions.add(d.name()));
        assertTrue(dimensions.containsAll(Set.of("operator", "operator_group", "department", "zodiac", "product",
                "status", "source_id", "device")), dimensions.toString());
        long[] calls = {0};
        long[] sales = {0};
        new DemoCallCentre(1, 500).generate(new DemoCallCentre.Sink() {
            @Override
            public void call(long client, long localSecond, String operator, String group, String department,
                             String zodiac, String product, String status, int durationSeconds) {
                calls[0]++;
                assertTrue(operator.startsWith(group + "-"), operator);
            }

            @Override
            public void sale(long client, long localSecond, String product, double amount) {
                sales[0]++;
            }
        });
        assertTrue(calls[0] >= 500 && sales[0] > 0 && sales[0] < calls[0], calls[0] + " calls, " + sales[0] + " sales");
    }

    @Test
    void afishaSpendFollowsTheVisitorsOfPaidSources() {
        DemoAfisha afisha = new DemoAfisha(2, 3000);
        afisha.addTo(new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE));
        CostTable costs = afisha.costs();
        assertEquals("source_id", costs.dimension());
        Set<String> paid = new HashSet<>();
        double total = 0;
        for (int row = 0; row < costs.rows(); row++) {
            paid.add(costs.group(row));
            total += costs.amount(row);
        }
        assertEquals(Set.of("1", "2", "3", "4", "5", "9", "10"), paid, "sources 6-8 cost nothing, as in Afisha");
        assertTrue(total > 1000 && total < 3000 * 1.6, "about one unit per visitor: " + total);
    }
}
