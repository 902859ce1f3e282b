package io.voronka.engine.eval;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every task's tally counts against one query's memory budget (issue 11). */
class UserScanBudgetTest {
    private static final long BUDGET = Runtime.getRuntime().maxMemory() / UserScan.TALLY_HEAP_SHARE;

    @Test
    void tasksAreCappedSoTheirTalliesFitTheBudgetTogether() {
        assertEquals(3, UserScan.liveTallies(BUDGET / 3));
        assertEquals(1, UserScan.liveTallies(BUDGET));
        assertTrue(UserScan.liveTallies(1) > 1_000);
    }

    @Test
    void aTallyLargerThanTheBudgetIsTooLargeWithAWayOut() {
        VoronkaException e = assertThrows(VoronkaException.class, () -> UserScan.liveTallies(BUDGET + 1));
        assertEquals(ErrorKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("top K"), e.getMessage());
    }
}
