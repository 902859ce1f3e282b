package io.voronka.engine.snapshot;

import io.voronka.engine.demo.DemoStoreSink;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A process that writes a snapshot and stops dead after a given step (prints {@code AT <step>} and waits to be
 * killed), for {@link SnapshotCrashTest}. Arguments: storage folder, demo seed, events, step.
 */
public final class SnapshotCrashChild {
    private SnapshotCrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path folder = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long events = Long.parseLong(args[2]);
        String stopAt = args[3];
        Snapshot snapshot = new Snapshot(DemoStoreSink.build(seed, events, 1), List.of(), Instant.EPOCH);
        SnapshotStorage.at(folder).write(snapshot, "fp", (step, bytes) -> {
            if (step.equals(stopAt)) {
                System.out.println("AT " + step);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        System.out.println("AT end");
    }
}
