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
}
