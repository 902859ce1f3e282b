package io.voronka.engine.result;

import java.util.List;

/** One whole path (dictionary names of its event types, in order) and how many users took exactly it. */
public record PathFlow(List<String> events, long users) {
    public PathFlow {
        events = List.copyOf(events);
    }
}
