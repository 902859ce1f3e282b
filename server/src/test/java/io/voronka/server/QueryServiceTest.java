package io.voronka.server;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.QueryResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryServiceTest {
    @Test
    void repeatedQueriesComeFromTheCacheUntilAReloadSwapsTheStore() {
        StoreHolder holder = StoreHolder.reloading(LoadedStore.of(DemoStoreSink.build(1, 20_000, 1), "first"),
                () -> DemoStoreSink.build(2, 20_000, 1));
        try (QueryService queries = new QueryService(holder, 1, Duration.ofSeconds(30))) {
            QueryResult first = queries.run("3 > 4|13 > 7");
            assertSame(first, queries.run("  3 > 4|13 > 7 "), "the same question on the same store is cached");
            holder.reload();
            QueryResult afterReload = queries.run("3 > 4|13 > 7");
            assertNotSame(first, afterReload, "a reload makes earlier results unreachable");
            assertEquals(afterReload, queries.run("3 > 4|13 > 7"));
        }
    }

    @Test
    void emptyQueryIsAUserErrorThatSaysWhatToSend() {
        StoreHolder holder = new StoreHolder(LoadedStore.of(DemoStoreSink.build(1, 5_000, 1), "demo"), null);
        try (QueryService queries = new QueryService(holder, 1, Duration.ofSeconds(30))) {
            VoronkaException e = assertThrows(VoronkaException.class, () -> queries.run("  "));
            assertEquals(ErrorKind.USER, e.kind());
            assertTrue(e.getMessage().contains("3 > 4|13 > 7 > pay"), e.getMessage());
        }
    }
}
