package io.voronka.dsl;

import io.voronka.engine.query.Query;

import java.util.List;

/**
 * A parsed query, what the parser noticed without refusing it, e.g. a filter on a value no event has (the
 * answer is then empty, which the user should be told), and whether the text began with {@code explain} (answer
 * plus plan).
 */
public record ParsedQuery(Query query, List<String> warnings, boolean explain) {
    public ParsedQuery {
        warnings = List.copyOf(warnings);
    }

    public ParsedQuery(Query query, List<String> warnings) {
        this(query, warnings, false);
    }
}
