package io.voronka.server;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.snapshot.SnapshotException;
import io.voronka.engine.snapshot.SnapshotProgress;
import io.voronka.engine.snapshot.SnapshotStorage;
import io.voronka.engine.store.EventStore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The generated demo CRM kept as a snapshot, so that a second {@code voronka demo} reopens it instead of generating
 * it again. The fingerprint names the generator, its seed and the event count: a snapshot of other demo data is
 * never served, it is replaced.
 */
final class DemoSnapshot {
    private final Path folder;
    private final String fingerprint;
    private final PrintStream progress;

    DemoSnapshot(Path folder, long events, PrintStream progress) {
        this.folder = folder;
        this.fingerprint = "demo " + DemoStoreSink.GENERATOR + ", seed 42, " + events + " events";
        this.progress = progress;
    }

    /**
     * The default folder of {@code voronka demo --events N}: {@code $XDG_CACHE_HOME/voronka/demo-N}, or
     * {@code ~/.cache/voronka/demo-N} when that variable is not set.
     */
    static Path defaultFolder(long events) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("voronka").resolve("demo-" + events);
    }

    /** Marks a folder as the demo's: a demo replaces only snapshots in folders that carry it. */
    static final String MARKER = "voronka-demo.txt";

    /**
     * Refuses a folder that holds snapshots but not the demo's marker: it is some configuration's
     * {@code storage.path}, whose snapshot the demo must not replace.
     */
    DemoSnapshot owned() {
        if (!Files.exists(folder.resolve(MARKER)) && holdsSnapshots()) {
            throw VoronkaException.user(folder + " holds snapshots that are not the demo's: give the demo a folder of "
                    + "its own (--storage DIR) or --in-memory");
        }
        return this;
    }

    /** The demo store from the snapshot, or null (with a line saying why when there was one) to generate it. */
    EventStore reopen() {
        long start = System.nanoTime();
        try {
            Snapshot snapshot = WarmStart.read(() -> SnapshotStorage.at(folder).open(fingerprint,
                    SnapshotProgress.NONE).orElse(null), false, progress);
            if (snapshot == null) {
                progress.println("no demo snapshot in " + folder + " yet: generating the demo CRM");
                return null;
            }
            EventStore store = snapshot.store();
            progress.printf(Locale.ROOT, "reopened the demo snapshot in %s: %,d events of %,d users in %.1f s%n",
                    folder, store.eventCount(), store.userCount(), (System.nanoTime() - start) / 1e9);
            WarmStart.onSample(snapshot, progress);
            return store;
        } catch (SnapshotException | UncheckedIOException e) {
            progress.println("demo snapshot not used: " + e.getMessage() + "; generating the demo CRM");
            return null;
        }
    }

    private boolean holdsSnapshots() {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code store} as the snapshot on a background thread; the future holds its folder, or null. */
    CompletableFuture<Path> writeInBackground(EventStore store) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            try {
                SnapshotStorage storage = SnapshotStorage.at(folder);
                Files.writeString(folder.resolve(MARKER), "the generated data of 'voronka demo' (" + fingerprint
                        + "): this folder may be deleted\n");
                Path written = storage.write(new Snapshot(store, List.of(), Instant.now()), fingerprint,
                        SnapshotProgress.NONE);
                progress.printf(Locale.ROOT, "demo snapshot written to %s in %.1f s: the next start reopens it%n",
                        written, (System.nanoTime() - start) / 1e9);
                done.complete(written);
            } catch (IOException | RuntimeException e) {
                progress.println("demo snapshot not written to " + folder + ": " + e.getMessage());
                done.complete(null);
            }
        }, "demo-snapshot");
        // a snapshot appears whole by rename: stopping the demo mid-write leaves none, and the next start generates
        writer.setDaemon(true);
        writer.start();
        return done;
    }
}
