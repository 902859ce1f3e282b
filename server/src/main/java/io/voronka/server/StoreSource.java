package io.voronka.server;

import io.voronka.engine.snapshot.Snapshot;

/** Where new versions of the store come from: a full load of the sources, and a refresh of a version. */
public interface StoreSource {
    /** Reads every source again (and writes the snapshot when there is a storage folder). */
    Snapshot reload();

    /** Whether some source has a watermark, so that {@link #refresh} can read only new rows. */
    boolean canRefresh();

    /** The given version with the rows past its watermarks added (written as the snapshot when configured). */
    Snapshot refresh(Snapshot current);

    /** Why {@link #refresh} cannot run when {@link #canRefresh()} is false (the answer to a refresh request). */
    default String whyNoRefresh() {
        return "no source has a 'watermark' column, so a refresh cannot tell new rows: use a reload";
    }

    /**
     * {@code version} no longer serves new queries: it was replaced, or refused by the shrink guard. Its memory goes
     * with the last reference on the heap; a source holding it elsewhere (a Spark cache) releases it here.
     */
    default void retired(Snapshot version) {
    }
}
