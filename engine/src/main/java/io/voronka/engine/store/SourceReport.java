package io.voronka.engine.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What loading one source did: rows read from it, events kept, and rows dropped by reason
 * (duplicates included). {@code read == kept + sum(dropped)} always holds.
 *
 * @param users          distinct users among the kept events
 * @param unmatchedUsers of those, the users no other source has (their keys matched no other source's keys);
 *                       -1 when the store has one source
 */
public record SourceReport(String source, long read, long kept, Map<SkipReason, Long> dropped, double seconds,
                           long users, long unmatchedUsers) {
    /** Below this share of its users found in another source, a source's keys probably do not match theirs. */
    public static final double MIN_MATCHED_SHARE = 0.01;

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
        return new SourceReport(source, read, kept, dropped, seconds, users, unmatchedUsers);
    }

    /**
     * A warning when almost none of this source's users appear in another source (fewer than
     * {@link #MIN_MATCHED_SHARE}): the user columns likely hold keys written differently (docs/configuration.md,
     * "User keys"); empty otherwise.
     */
    public Optional<String> warning() {
        if (unmatchedUsers < 0 || users == 0 || users - unmatchedUsers >= users * MIN_MATCHED_SHARE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d of its %,d users (%.0f%%) match no other source's user"
                + " keys; check that the user columns hold the same keys (docs/configuration.md, 'User keys')",
                unmatchedUsers, users, 100.0 * unmatchedUsers / users));
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
        warning().ifPresent(w -> sb.append("; WARNING: ").append(w));
        return sb.toString();
    }
}
