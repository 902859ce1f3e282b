package io.voronka.engine.store;

/** How user keys of a store are held: what the user column of every source converts to. */
public enum UserKeyKind {
    /** Signed 64-bit integers ({@code smallint}, {@code integer}, {@code bigint}). */
    INT64,
    /** Unsigned 64-bit integers, e.g. {@code numeric(20)} ids past the signed range (Afisha {@code Uid}). */
    UINT64,
    /** Any text ({@code text}, {@code varchar}); {@code uuid} keys are held as their canonical text. */
    TEXT
}
