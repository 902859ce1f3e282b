package io.voronka.engine.load;

/** Told how many rows of a source were read so far (every few hundred thousand rows and at its end). */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (source, rows) -> { };

    void rows(String source, long rowsSoFar);

    /** Told once, before the rows, when the source knows about how many rows it holds (a table's statistics). */
    default void expected(String source, long rows) {
    }
}
