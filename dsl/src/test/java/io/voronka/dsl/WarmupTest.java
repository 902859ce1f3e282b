package io.voronka.dsl;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up's queries stay valid as the language changes, and it stops when told. */
class WarmupTest {
    @Test
    void everyWarmupQueryParsesAndRunsOnTheWarmupStore() throws QueryException {
        EventStore store = DemoStoreSink.build(7, Warmup.EVENTS, 1);
        Catalog catalog = Catalog.of(store);
        try (QueryEngine engine = new QueryEngine(1)) {
            for (String text : Warmup.QUERIES) {
                QueryResult result = engine.execute(QueryParser.parse(text, catalog), store);
                assertNotNull(result, text);
            }
        }
    }

    @Test
    void finishStopsItWithoutAFailure() {
        Warmup warmup = Warmup.start();
        int rounds = warmup.finish();
        assertTrue(rounds >= 0 && rounds <= Warmup.MAX_ROUNDS, "rounds " + rounds);
        assertNull(warmup.failure());
        assertTrue(warmup.finish() == rounds, "a second finish changes nothing");
    }
}
