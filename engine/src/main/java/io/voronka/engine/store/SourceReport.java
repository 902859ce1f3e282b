package io.voronka.engine.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What loading one source did: rows read from it, events kept, and rows dropped by reason
 * (duplicates included). {@code read == kept + sum(dropped)} always holds.
 */
public record SourceReport(String source, long read, long kept, Map<SkipReason, Long> dropped, double seconds) {
    public SourceReport {
        // EnumMap's copy constructor rejects an empty map that is not itself an EnumMap
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        copy.putAll(dropped);
        dropped = Collections.unmodifiableMap(copy);
    }

    public long dropped(SkipReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    public SourceReport withSeconds(double seconds) {
        return new SourceReport(source, read, kept, dropped, seconds);
    }

    /** One line for logs and the CLI, e.g. {@code events: read 1,004,003, kept 1,000,000, dropped 4,003 (exact duplicate ...)}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": read ").append(String.format("%,d", read)).append(", kept ")
                .append(String.format("%,d", kept));
        for (Map.Entry<SkipReason, Long> e : dropped.entrySet()) {
            if (e.getValue() > 0) {
                sb.append(", dropped ").append(String.format("%,d", e.getValue())).append(" (")
                        .append(e.getKey().description()).append(')');
            }
        }
        if (seconds > 0) {
            sb.append(String.format(", %.2f s", seconds));
        }
        return sb.toString();
    }
}
