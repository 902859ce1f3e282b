package io.voronka.server;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShrinkGuardTest {
    /** {@code events} rows of source "events" and {@code payments} of "payments", one user per row. */
    private static EventStore store(int events, int payments) {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneId.of("UTC"));
        int e = b.source("events");
        int p = b.source("payments");
        int type = b.types().constant("x");
        for (int i = 0; i < events; i++) {
            b.append(e, b.users().internLong(i), type, 1_700_000_000L);
        }
        for (int i = 0; i < payments; i++) {
            b.append(p, b.users().internLong(i), type, 1_700_000_001L);
        }
        return b.build(1);
    }

    @Test
    void growthAndLossesWithinTheShareAreAccepted() {
        ShrinkGuard guard = new ShrinkGuard(0.1);
        assertDoesNotThrow(() -> guard.check(store(100, 10), store(150, 20)));
        assertDoesNotThrow(() -> guard.check(store(100, 10), store(90, 9)), "exactly 10% is allowed");
        assertDoesNotThrow(() -> guard.check(store(0, 0), store(0, 0)), "nothing to lose");
    }

    @Test
    void aLossPastTheShareIsRefusedNamingEachSourceAndBothCounts() {
        VoronkaException e = assertThrows(VoronkaException.class,
                () -> new ShrinkGuard(0.1).check(store(100, 10), store(100, 8)));
        assertEquals(ErrorKind.REFUSED, e.kind());
        assertEquals("the new data was refused: source 'payments' has 8 events, the data serving 10 (20% fewer);"
                + " more than reload.max_shrink = 10% allows. The previous data keeps serving; if the loss is real,"
                + " reload with force (POST /api/reload {\"force\":true}, voronka reload --force)", e.getMessage());
    }

    @Test
    void aShareOfOneTurnsTheCheckOff() {
        assertDoesNotThrow(() -> new ShrinkGuard(1).check(store(100, 10), store(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new ShrinkGuard(1.5));
    }
}
