package io.voronka.server;

import io.javalin.http.Context;
import io.voronka.engine.eval.Deadline;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels the query of a client that went away (issue 11). While a query runs nobody reads its connection, so Jetty
 * does not notice the client closing it; one thread looks at every running query's connection a few times a second
 * (a non-blocking read: end of stream means the client is gone) and cancels its deadline. Bytes a client sends
 * ahead (a pipelined request) stop the watch and close the connection after the answer, so nothing is lost unseen.
 */
final class ClientWatch implements AutoCloseable {
    private static final long PERIOD_MILLIS = 100;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voronka-client-watch");
        t.setDaemon(true);
        return t;
    });

    ClientWatch() {
        timer.scheduleWithFixedDelay(this::poll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One watched query; {@link #close()} ends the watch before the answer is written. */
    final class Watched implements AutoCloseable {
        private final EndPoint endPoint;
        private final Deadline deadline;
        private final ByteBuffer scratch = BufferUtil.allocate(64);
        private boolean done;
        private boolean sentAhead;

        private Watched(EndPoint endPoint, Deadline deadline) {
            this.endPoint = endPoint;
            this.deadline = deadline;
        }

        /** Whether the client sent bytes ahead, which the watch read: the connection must close after the answer. */
        synchronized boolean sentAhead() {
            return sentAhead;
        }

        private synchronized void look() {
            if (done) {
                return;
            }
            try {
                BufferUtil.clear(scratch);
                int n = endPoint.fill(scratch);
                if (n < 0) {
                    deadline.cancel();
                    done = true;
                } else if (n > 0) {
                    sentAhead = true;
                    done = true;
                }
            } catch (IOException e) {
                deadline.cancel();
                done = true;
            }
        }

        @Override
        public synchronized void close() {
            done = true;
            watched.remove(this);
        }
    }

    /** Starts watching the connection of {@code ctx} for the query under {@code deadline}. */
    Watched watch(Context ctx, Deadline deadline) {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        Watched w = new Watched(endPoint, deadline);
        watched.add(w);
        return w;
    }

    private void poll() {
        for (Watched w : watched) {
            w.look();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
