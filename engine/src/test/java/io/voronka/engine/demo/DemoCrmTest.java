package io.voronka.engine.demo;

import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.SourceReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCrmTest {

    /** Checksums every row a generation emits. */
    private static final class Digest implements DemoSink {
        final CRC32 crc = new CRC32();
        long events;
        long payments;
        long gifts;

        @Override
        public void event(long user, int eventId, long localSecond, String utm, String device, String group) {
            crc.update((user + "|" + eventId + "|" + localSecond + "|" + utm + "|" + device + "|" + group).getBytes());
            events++;
        }

        @Override
        public void payment(long user, long transaction, long localSecond, String currency, long kopecks, boolean gift,
                            String product) {
            crc.update((user + "|" + transaction + "|" + localSecond + "|" + currency + "|" + kopecks + "|" + gift + "|"
                    + product).getBytes());
            payments++;
            gifts += gift ? 1 : 0;
        }
    }

    @Test
    void sameSeedAndSizeGiveTheSameRows() {
        Digest a = new Digest();
        Digest b = new Digest();
        Digest other = new Digest();
        long rows = new DemoCrm(7, 200_000).generate(a);
        new DemoCrm(7, 200_000).generate(b);
        new DemoCrm(8, 200_000).generate(other);
        assertEquals(a.crc.getValue(), b.crc.getValue());
        assertTrue(a.crc.getValue() != other.crc.getValue(), "another seed gives other rows");
        assertEquals(rows, a.events + a.payments);
        assertTrue(rows >= 200_000 && rows < 200_100, "stops at the requested size, got " + rows);
        assertTrue(a.payments > rows / 100, "payments are a few percent of rows: " + a.payments);
        assertTrue(a.gifts > 0 && a.gifts < a.payments / 20, "about 1% gifts: " + a.gifts + " of " + a.payments);
    }

    @Test
    void journeyNarrowsStepByStepWithRealisticRates() {
        EventStore store = DemoStoreSink.build(11, 300_000, 2);
        FunnelQuery funnel = FunnelQuery.of(List.of(Step.of(EventRef.ofId(3)),
                Step.of(EventRef.ofId(4), EventRef.ofId(13)), Step.of(EventRef.ofId(7)), Step.of(EventRef.ofName("pay"))));
        try (QueryEngine engine = new QueryEngine(2)) {
            FunnelResult r = (FunnelResult) engine.execute(funnel, store);
            List<Long> reached = r.total().reached();
            double contacted = (double) reached.get(1) / reached.get(0);
            double intro = (double) reached.get(2) / reached.get(0);
            double paid = (double) reached.get(3) / reached.get(0);
            assertTrue(contacted > 0.45 && contacted < 0.8, "contacted " + contacted);
            assertTrue(intro > 0.12 && intro < 0.35, "intro done " + intro);
            assertTrue(paid > 0.03 && paid < 0.15, "paid " + paid);
        }
    }

    @Test
    void aboutHalfAPercentOfEventRowsAreExactDuplicates() {
        EventStore store = DemoStoreSink.build(3, 400_000, 2);
        SourceReport events = store.report().get(0);
        double share = (double) events.dropped(SkipReason.DUPLICATE) / events.read();
        assertTrue(share > 0.003 && share < 0.007, "duplicate share " + share);
        assertEquals(events.read() - events.dropped(SkipReason.DUPLICATE), events.kept());
        assertTrue(store.dimensionIndex("utm_source").isPresent());
        assertTrue(store.dimensionIndex("operator_group").isPresent());
    }
}
