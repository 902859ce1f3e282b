package io.voronka.engine.result;

/**
 * One node of a paths diagram: at 1-based {@code position}, an event type ({@code event} is its dictionary name),
 * the "other" types outside the position's top, or the end of paths that stopped before this position.
 */
public record PathNode(int position, Kind kind, String event, long users) {
    /** What a node stands for. */
    public enum Kind {
        EVENT, OTHER, END
    }
}
