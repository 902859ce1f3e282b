package io.voronka.engine.snapshot;

/**
 * Told after each file of a snapshot is written or read, at the moment a written snapshot becomes current, and
 * when a damaged part of a reopened snapshot that can be derived from the rest was rebuilt instead of refused.
 */
@FunctionalInterface
public interface SnapshotProgress {
    SnapshotProgress NONE = (step, bytes) -> { };

    /** @param step a file name, or {@code "commit"} once the new snapshot replaced the old one */
    void done(String step, long bytes);

    /**
     * A damaged file found after the store was ready (the user-key map, checked in the background) was rebuilt
     * from checked files; told on the thread that rebuilt it.
     *
     * @param damage what was found, naming the file
     * @param how    what was done instead, one line
     */
    default void repaired(SnapshotException damage, String how) {
    }
}
