package io.voronka.engine.result;

/** Users going from node {@code from} to node {@code to} (indexes into {@link PathsResult#nodes()}). */
public record PathLink(int from, int to, long users) {
}
