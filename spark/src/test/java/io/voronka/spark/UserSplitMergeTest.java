package io.voronka.spark;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.PartialAnswer;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Query;
import io.voronka.engine.result.PathNode;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The partial answers of two halves of the users, added, finish to the whole store's answer, also where each half
 * alone would show other top types, groups or bins than the whole: the users are split by whether they wrote on
 * WhatsApp (event 13), so the halves' paths differ from position 2 on. Runs without Spark (the engine's partial
 * answers alone), so it can afford many queries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSplitMergeTest {
    private final QueryEngine engine = new QueryEngine(2);
    private EventStore whole;
    private EventStore whatsapp;
    private EventStore others;
    private Catalog catalog;

    @BeforeAll
    void splitTheDemoUsers() {
        whole = DemoStoreSink.build(7, 60_000, 2);
        int code = whole.types().codeOfId(13);
        whatsapp = half(code, true);
        others = half(code, false);
        catalog = new Catalog(whole.types(), whole.dimensions().stream().map(Dimension::name).toList());
    }

    /** The users with (or without) an event of type {@code code}, reporting the whole store's time span. */
    private EventStore half(int code, boolean with) {
        return whole.restrictedTo((Segment s, int u) -> {
            for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                if (s.types()[p] == code) {
                    return with;
                }
            }
            return !with;
        }).withTimeSpan(whole.minTime(), whole.maxTime());
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "paths",
            "paths top 1 depth 4",
            "paths top 2 depth 5 collapse repeats",
            "paths from 3 to pay depth 6",
            "time from 1 to next",
            "time from 1 to next by outcome pay within 30d histogram 12",
            "time from 8 to next 9|pay by outcome pay within 30d per hour",
            "rate of pay per 7 by utm_source",
            "rate of 7 per 3 top 1 device by utm_source min 10",
            "rate of 4 per 1 by operator_group per week",
            "median of value of pay by product",
            "distribution of value of pay by device",
            "p75 of value of pay by utm_source, weekday top 2 utm_source min 3",
            "dau of 3 per month",
            "sticky of 3|4",
    })
    void halvesAddUpToTheWhole(String text) throws Exception {
        Query query = QueryParser.parse(text, catalog);
        PartialAnswer sum = part(query, whatsapp).plus(part(query, others));
        assertEquals(CanonicalAnswer.of(engine.execute(query, whole, null)),
                CanonicalAnswer.of(engine.finish(query, sum)), text);
    }

    @Test
    void eachHalfAloneWouldShowAnotherTopThanTheWhole() throws Exception {
        Query query = QueryParser.parse("paths top 1 depth 4", catalog);
        List<String> tops = topEvents(engine.finish(query, part(query, whatsapp)));
        assertNotEquals(tops, topEvents(engine.finish(query, part(query, others))));
        assertEquals(topEvents(engine.execute(query, whole, null)),
                topEvents(engine.finish(query, part(query, whatsapp).plus(part(query, others)))));
    }

    private PartialAnswer part(Query query, EventStore store) {
        return engine.partial(query, store, null, Deadline.NONE).orElseThrow();
    }

    private static List<String> topEvents(Object result) {
        return ((PathsResult) result).nodes().stream().filter(n -> n.kind() == PathNode.Kind.EVENT)
                .map(n -> n.position() + ":" + n.event()).toList();
    }
}
