package io.voronka.server;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A serving start warms up on a sample of a large store and says so in one line; a one-off query's start and a small
 * store do not; a reopen that finds nothing passes the null on.
 */
class WarmStartTest {
    @Test
    void aLargeStoreIsWarmedUpOnASampleWhenServingOnly() {
        EventStore large = DemoStoreSink.build(3, 2_200_000, 2);
        assertTrue(large.eventCount() >= 2_000_000, "a store past the second phase's threshold: " + large.eventCount());
        Snapshot snapshot = new Snapshot(large, List.of(), Instant.now());
        ByteArrayOutputStream serving = new ByteArrayOutputStream();
        assertSame(snapshot, WarmStart.read(() -> snapshot, true, new PrintStream(serving, true,
                StandardCharsets.UTF_8)));
        String line = serving.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("warm-up: [1-9][0-9]* rounds of queries on a sample of the store, [0-9.]+ s\\R"), line);

        ByteArrayOutputStream oneQuery = new ByteArrayOutputStream();
        assertSame(snapshot, WarmStart.read(() -> snapshot, false, new PrintStream(oneQuery, true,
                StandardCharsets.UTF_8)));
        assertEquals("", oneQuery.toString(StandardCharsets.UTF_8), "no second phase for a one-off query");
    }

    @Test
    void aSmallStoreOrNoSnapshotNeedsNoSecondPhase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(out, true, StandardCharsets.UTF_8);
        Snapshot small = new Snapshot(DemoStoreSink.build(3, 50_000, 1), List.of(), Instant.now());
        assertSame(small, WarmStart.read(() -> small, true, progress));
        assertNull(WarmStart.read(() -> null, true, progress));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
