package io.voronka.server;

import io.voronka.engine.error.VoronkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code refresh: {every}} and {@code reload: {at}} while serving, on one daemon thread: a refresh that finds
 * a reload or refresh running waits for its next turn; a failure is logged and the serving data stays.
 */
final class FreshnessSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FreshnessSchedule.class);

    private final ScheduledExecutorService timer;
    private final List<String> plan;

    private FreshnessSchedule(ScheduledExecutorService timer, List<String> plan) {
        this.timer = timer;
        this.plan = List.copyOf(plan);
    }

    /** What runs when, one line each ("refreshing every 5m"), for the start-up message. */
    List<String> plan() {
        return plan;
    }

    static FreshnessSchedule start(StoreHolder stores, FreshnessSettings settings, ZoneId zone) {
        if (!stores.canReload() || (settings.refreshEvery() == null && settings.reloadAt() == null)) {
            return new FreshnessSchedule(null, List.of());
        }
        List<String> plan = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voronka-freshness");
            t.setDaemon(true);
            return t;
        });
        if (settings.refreshEvery() != null && stores.canRefresh()) {
            long every = settings.refreshEvery().toMillis();
            timer.scheduleWithFixedDelay(() -> run("refresh", stores::refresh, stores), every, every,
                    TimeUnit.MILLISECONDS);
            plan.add("refreshing every " + settings.refreshEvery().toString().substring(2).toLowerCase(Locale.ROOT));
        } else if (settings.refreshEvery() != null) {
            plan.add("refresh.every is set but nothing refreshes: " + stores.whyNoRefresh());
        }
        if (settings.reloadAt() != null) {
            ZonedDateTime now = ZonedDateTime.now(zone);
            ZonedDateTime next = now.with(settings.reloadAt());
            if (!next.isAfter(now)) {
                next = next.plusDays(1);
            }
            timer.scheduleAtFixedRate(() -> run("reload", stores::reload, stores),
                    Duration.between(now, next).toMillis(), Duration.ofDays(1).toMillis(), TimeUnit.MILLISECONDS);
            plan.add("reloading every day at " + settings.reloadAt() + " " + zone.getId());
        }
        return new FreshnessSchedule(timer, plan);
    }

    private static void run(String what, Runnable task, StoreHolder stores) {
        if (stores.busy()) {
            LOG.info("scheduled {} skipped: a reload or refresh is running", what);
            return;
        }
        try {
            task.run();
        } catch (VoronkaException e) {
            LOG.warn("scheduled {} failed: {}", what, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("scheduled " + what + " failed", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
