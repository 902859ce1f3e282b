package io.voronka.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries are admitted in arrival order, with every thread when idle and one under load; a full queue is refused. */
class QueryAdmissionTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void anIdleServerGivesAQueryEveryThreadAndABusyOneOnlyOne() {
        QueryAdmission admission = new QueryAdmission(3, 8);
        QueryAdmission.Ticket first = admission.admit(LONG);
        assertEquals(3, first.threads());
        admission.release(first);
        QueryAdmission.Ticket again = admission.admit(LONG);
        assertTrue(again.parallel());
        admission.release(again);
    }

    @Test
    void waitingQueriesAreAdmittedInArrivalOrder() throws Exception {
        QueryAdmission admission = new QueryAdmission(1, 8);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            QueryAdmission.Ticket held = admission.admit(LONG);
            Future<QueryAdmission.Ticket> a = clients.submit(() -> admission.admit(LONG));
            awaitWaiting(admission, 1);
            Future<QueryAdmission.Ticket> b = clients.submit(() -> admission.admit(LONG));
            awaitWaiting(admission, 2);
            admission.release(held);
            QueryAdmission.Ticket ta = a.get();
            assertEquals(1, ta.threads());
            assertFalse(b.isDone(), "the later query must wait for the earlier one");
            admission.release(ta);
            admission.release(b.get());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aQueryArrivingToAFullQueueIsRefusedWithRetryAfter() throws Exception {
        QueryAdmission admission = new QueryAdmission(1, 1);
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try {
            QueryAdmission.Ticket held = admission.admit(LONG);
            Future<QueryAdmission.Ticket> waiting = clients.submit(() -> admission.admit(LONG));
            awaitWaiting(admission, 1);
            ServerBusyException refused = assertThrows(ServerBusyException.class, () -> admission.admit(LONG));
            assertEquals(503, ApiError.status(refused.kind()));
            assertTrue(refused.retryAfterSeconds() >= 1);
            assertTrue(refused.getMessage().contains("1 queries are waiting"), refused.getMessage());
            admission.release(held);
            admission.release(waiting.get());
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitWaiting(QueryAdmission admission, int n) throws InterruptedException {
        while (admission.parked() < n) {
            Thread.sleep(1);
        }
    }
}
