package io.voronka.engine.funnel;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunnelEvaluatorTest {
    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    private static final long T = 1_600_000_000L;

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    /** The seed-000 story: a request, a WhatsApp message in the same second, then an intro lesson. */
    private static EventStore sameSecondStore() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int src = b.source("events");
        int req = b.types().define(3, "Создание заявки", List.of("request_created"));
        int wa = b.types().define(13, "Сообщение в WhatsApp", List.of("whatsapp"));
        int intro = b.types().define(7, "Успешный ВУ", List.of("intro_lesson_done"));
        int u = b.users().internLong(12272783L);
        b.append(src, u, wa, T);
        b.append(src, u, req, T);
        b.append(src, u, intro, T + 3600);
        int v = b.users().internLong(5L);
        b.append(src, v, req, T);
        b.append(src, v, req, T + 10);
        return b.build(1);
    }

    private static FunnelQuery requestContactIntro() {
        return FunnelQuery.of(List.of(Step.of(EventRef.ofId(3)), Step.of(EventRef.ofId(4), EventRef.ofId(13)),
                Step.of(EventRef.ofName("intro_lesson_done"))));
    }

    @Test
    void sameSecondEventsConvertWhicheverOrderTheyWereStoredIn() {
        FunnelResult r = (FunnelResult) new FunnelEvaluator(POOL).evaluate(requestContactIntro(), sameSecondStore(),
                Integer.MIN_VALUE, Integer.MAX_VALUE, null, null);
        assertEquals(List.of(2L, 1L, 1L), r.total().reached());
        assertEquals(List.of("Создание заявки", "4 | Сообщение в WhatsApp", "Успешный ВУ"), r.steps());
        assertEquals(0.5, r.total().conversionFromPrevious(1));
    }

    @Test
    void oneEventNeverFillsTwoSteps() {
        FunnelQuery twice = FunnelQuery.of(List.of(Step.of(EventRef.ofId(3)), Step.of(EventRef.ofId(3))));
        FunnelResult r = (FunnelResult) new FunnelEvaluator(POOL).evaluate(twice, sameSecondStore(),
                Integer.MIN_VALUE, Integer.MAX_VALUE, null, null);
        assertEquals(List.of(2L, 1L), r.total().reached(), "only the user with two requests repeats step 1");
    }

    @Test
    void expiredDeadlineStopsTheQueryWithAClearMessage() {
        Deadline deadline = Deadline.after(Duration.ofNanos(1));
        QueryTimeoutException e = assertThrows(QueryTimeoutException.class, () -> new FunnelEvaluator(POOL)
                .evaluate(requestContactIntro(), sameSecondStore(), Integer.MIN_VALUE, Integer.MAX_VALUE, null, null,
                        deadline));
        assertTrue(e.getMessage().contains("longer than its limit"), e.getMessage());
    }

    @Test
    void breakdownByAnUnknownDimensionNamesIt() {
        VoronkaException e = assertThrows(VoronkaException.class, () -> new FunnelEvaluator(POOL)
                .evaluate(requestContactIntro().withBreakdown(Breakdown.firstTouch("utm_source")), sameSecondStore(),
                        Integer.MIN_VALUE, Integer.MAX_VALUE, null, null));
        assertTrue(e.getMessage().contains("'utm_source'"), e.getMessage());
        assertEquals(ErrorKind.USER, e.kind());
    }
}
