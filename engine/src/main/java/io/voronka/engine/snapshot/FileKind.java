package io.voronka.engine.snapshot;

/** The kinds of file in a snapshot folder; the code is written in each file's header. */
enum FileKind {
    MANIFEST(1),
    STORE(2),
    TYPES(3),
    DIMENSIONS(4),
    COSTS(5),
    SEGMENT(6),
    USER_KEYS(7),
    /** The Chronicle Map file: its own format, so its length and checksum are kept in the manifest only. */
    USER_INDEX(8),
    /** A segment's {@link io.voronka.engine.store.SegmentIndex}, beside its segment file. */
    SEGMENT_INDEX(9);

    final int code;

    FileKind(int code) {
        this.code = code;
    }
}
