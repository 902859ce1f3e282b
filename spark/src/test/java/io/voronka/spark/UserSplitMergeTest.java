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
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
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
 * answers alone), so it can afford many queries. One half is also rebuilt with its event types and dimension values
 * numbered backwards, as partitions of a Spark job may number them, to check that partial answers line up by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSplitMergeTest {
    private final QueryEngine engine = new QueryEngine(2);
    private EventStore whole;
    private EventStore whatsapp;
    private EventStore others;
    /** The WhatsApp half rebuilt with type codes and dimension value codes in reverse order. */
    private EventStore whatsappRecoded;
    private Catalog catalog;

    @BeforeAll
    void splitTheDemoUsers() {
        whole = DemoStoreSink.build(7, 60_000, 2);
        int code = whole.types().codeOfId(13);
        whatsapp = half(code, true);
        others = half(code, false);
        whatsappRecoded = recoded(whatsapp);
        catalog = new Catalog(whole.types(), whole.dimensions().stream().map(Dimension::name).toList());
    }

    /** The users with (or without) an event of type {@code code} (a view; the whole store's time span). */
    private EventStore half(int code, boolean with) {
        return whole.restrictedTo((Segment s, int u) -> {
            for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                if (s.types()[p] == code) {
                    return with;
                }
            }
            return !with;
        });
    }

    /** The events of {@code part}'s users in a new store whose types and dimension values are numbered backwards. */
    private EventStore recoded(EventStore part) {
        EventTypes types = new EventTypes();
        int n = whole.types().size();
        int[] type = new int[n];
        for (int c = n - 1; c >= 0; c--) {
            long id = whole.types().externalId(c);
            String name = whole.types().name(c);
            type[c] = id == EventTypes.NO_ID ? types.constant(name)
                    : types.define(id, name, whole.types().aliases(c));
        }
        StoreBuilder b = new StoreBuilder(types, whole.users(), whole.zone());
        int source = b.source("recoded");
        int dimensions = whole.dimensions().size();
        int[][] value = new int[dimensions][];
        for (int d = 0; d < dimensions; d++) {
            Dimension original = whole.dimensions().get(d);
            int at = b.dimension(original.name());
            assertEquals(d, at);
            value[d] = new int[original.size()];
            for (int v = original.size() - 1; v >= 0; v--) {
                value[d][v] = b.dimensionAt(d).intern(original.value(v));
            }
        }
        for (Segment s : part.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                if (!part.selection().test(s, u)) {
                    continue;
                }
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    int row = b.append(source, s.firstUser() + u, type[s.types()[p]],
                            Times.toEpochSecond(s.times()[p]));
                    if (s.values() != null && s.values().has(p)) {
                        b.value(row, s.values().get(p, Double.NaN));
                    }
                    for (int d = 0; d < dimensions; d++) {
                        int code = s.dimension(d).get(p);
                        if (code != SparseIntColumn.MISSING) {
                            b.dimensionValue(row, d, value[d][code]);
                        }
                    }
                }
            }
        }
        b.keepDuplicates(source, true);
        return b.build(2).withTimeSpan(whole.minTime(), whole.maxTime());
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
            "p75 of value of pay top 2 weekday by utm_source min 3",
            "dau of 3 per month",
            "sticky of 3|4",
    })
    void halvesAddUpToTheWhole(String text) throws Exception {
        assertHalvesAddUp(text, whatsapp, others);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "paths top 3 depth 5",
            "paths from 3 to pay depth 6 collapse repeats",
            "time from 8 to next 9|pay by outcome pay within 30d",
            "rate of pay per 7 by utm_source, device",
            "rate of 4|13 per 1 top 2 operator_group min 5",
            "distribution of value of pay by product",
            "p90 of value of pay by currency, weekday",
            "wau of 3 per month",
    })
    void halvesWithOtherTypeAndValueCodesAddUpToTheWhole(String text) throws Exception {
        assertHalvesAddUp(text, whatsappRecoded, others);
    }

    private void assertHalvesAddUp(String text, EventStore first, EventStore second) throws Exception {
        Query query = QueryParser.parse(text, catalog);
        PartialAnswer sum = part(query, first).plus(part(query, second));
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
