package io.voronka.engine.load;

import io.voronka.engine.config.SourceConfig;

/**
 * Reads one kind of {@link io.voronka.engine.config.SourceLocation}: constructed with its location, it streams
 * every row of a source into a {@link RowSink}, which does all the mapping (user keys, types, times, values,
 * dimensions, NULLs and skip counts). A reader only finds the configured columns ({@link SourceColumns}) and
 * decodes each field of each row into the sink's typed setters, then calls {@link RowSink#endRow()}.
 *
 * <p>Failures are one-line {@link LoadException}s naming the source ({@link SourceConfig#label()}), the column or
 * the place in the input (a line, a byte offset), and the problem.
 */
public interface SourceReader {
    void read(SourceConfig source, RowSink sink);

    /**
     * About how many rows {@link #read} will give, known before reading (a table's statistics, a file's size), or
     * -1 when unknown. The loader checks the heap against it ({@link HeapBudget}) and pre-sizes the store with it.
     */
    default long estimatedRows() {
        return -1;
    }
}
