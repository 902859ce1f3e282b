package io.voronka.engine.snapshot;

/** Told after each file of a snapshot is written or read, and at the moment a written snapshot becomes current. */
@FunctionalInterface
public interface SnapshotProgress {
    SnapshotProgress NONE = (step, bytes) -> { };

    /** @param step a file name, or {@code "commit"} once the new snapshot replaced the old one */
    void done(String step, long bytes);
}
