package io.voronka.engine.snapshot;

/** The version of the snapshot format; a snapshot of another version is not read (the sources are loaded). */
public final class SnapshotFormat {
    /** Bump on any change of what a file holds or how. */
    public static final int VERSION = 3;

    private SnapshotFormat() {
    }
}
