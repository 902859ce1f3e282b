package io.voronka.dsl;

import io.voronka.engine.demo.DemoAfisha;
import io.voronka.engine.demo.DemoCallCentre;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.query.Query;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up's queries stay valid as the language changes, it stops when told, and its second phase finds queries
 * for data with other event names and runs them on a sample that answers like the store it was taken from.
 */
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

    @Test
    void secondPhaseHasQueriesForTheDemoAndForDataWithOtherEventNames() {
        EventStore demo = DemoStoreSink.build(7, Warmup.EVENTS, 1);
        assertEquals(Warmup.QUERIES.size() + 3, Warmup.queriesFor(demo).size(), "every demo query and 3 generic");
        StoreBuilder builder = new StoreBuilder(UserKeyKind.INT64, DemoCrm.ZONE);
        new DemoAfisha(3, 2000).addTo(builder);
        new DemoCallCentre(4, 2000).addTo(builder);
        EventStore other = builder.build(1);    // events visit, order, call, sale: none of the demo CRM's
        List<Query> queries = Warmup.queriesFor(other);
        assertEquals(4, queries.size(), "users per day, 2 generic funnels and a retention: " + queries);
        List<QueryResult> answers = new ArrayList<>();
        assertEquals(2, Warmup.onSample(other.sample(5_000), Long.MAX_VALUE, 2, answers::add), "rounds on the sample");
        assertEquals(queries.size(), answers.size(), "the first round's answers are handed on");
        assertEquals(0, Warmup.onSample(other), "a small store needs no second phase");
    }

    @Test
    void aSampleOfEveryUserAnswersEveryWarmupQueryAsTheStore() {
        EventStore store = DemoStoreSink.build(9, 30_000, 1);
        EventStore copy = store.sample(store.eventCount());
        try (QueryEngine engine = new QueryEngine(2)) {
            for (Query query : Warmup.queriesFor(store)) {
                assertEquals(engine.execute(query, store), engine.execute(query, copy), query.toString());
            }
        }
    }

    @Test
    void theJitQueueCanBeRead() {
        assertTrue(Warmup.pendingCompilations() >= 0, "HotSpot answers Compiler.queue");
    }
}
