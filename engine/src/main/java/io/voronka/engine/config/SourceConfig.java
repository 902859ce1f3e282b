package io.voronka.engine.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One source of events: where its rows are ({@link SourceLocation}) and which columns mean what.
 * {@code value} may be null; {@code dimensions} may be empty.
 *
 * @param watermark a column that grows with every new row (an id or a time): a refresh reads only rows past the
 *                  greatest value read before; null when the source is read whole by every load
 * @param lateRows  how far back a refresh reads again for rows committed late: {@link LateRows#NONE} by default
 */
public record SourceConfig(String name, SourceLocation location, String user, String time, TypeMapping type,
                           String value, List<String> dimensions, boolean dedupe, String watermark,
                           LateRows lateRows) {
    public SourceConfig {
        dimensions = List.copyOf(dimensions);
    }

    /** How messages name it: {@code source 'events'}. */
    public String label() {
        return "source '" + name + "'";
    }

    /** The columns read, in order: user, time, type column (if any), value (if any), dimensions. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(user);
        columns.add(time);
        if (!type.isConstant()) {
            columns.add(type.column());
        }
        if (value != null) {
            columns.add(value);
        }
        columns.addAll(dimensions);
        return columns;
    }
}
