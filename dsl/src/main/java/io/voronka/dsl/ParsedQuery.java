package io.voronka.dsl;

import io.voronka.engine.query.Query;

import java.util.List;

/**
 * A parsed query and what the parser noticed without refusing it, e.g. a filter on a value no event has (the
 * answer is then empty, which the user should be told).
 */
public record ParsedQuery(Query query, List<String> warnings) {
    public ParsedQuery {
        warnings = List.copyOf(warnings);
    }
}
