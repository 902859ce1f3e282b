package io.voronka.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * The sequences of event types users go through (a Sankey diagram): for each user, from their first event of
 * {@code from} inside {@code range} (their first event in the range when {@code from} is empty), the next events
 * up to {@code depth} in all, ending early at the first event of {@code to} after the start. {@code top} event
 * types per position keep their own node, the rest of the position is "other"; {@code collapseRepeats} merges
 * consecutive events of one type. Exact rules, including the order of same-second events, in
 * docs/funnel-semantics.md.
 */
public record PathsQuery(List<EventRef> from, List<EventRef> to, int depth, int top, boolean collapseRepeats,
                         DateRange range, UserFilter userFilter) implements Query {
    public static final int DEFAULT_DEPTH = 7;
    public static final int DEFAULT_TOP = 10;
    public static final int MAX_DEPTH = 50;
    public static final int MAX_TOP = 100;

    public PathsQuery {
        from = List.copyOf(from);
        to = List.copyOf(to);
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(userFilter, "userFilter");
        if (depth < 2 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("paths need a depth from 2 to " + MAX_DEPTH + ", was " + depth);
        }
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be from 1 to " + MAX_TOP + ", was " + top);
        }
    }

    /** Paths from every user's first event, with the defaults. */
    public static PathsQuery of() {
        return new PathsQuery(List.of(), List.of(), DEFAULT_DEPTH, DEFAULT_TOP, false, DateRange.all(),
                UserFilter.NONE);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.paths(this);
    }
}
