package io.voronka.dsl;

import io.voronka.engine.query.Query;

/** A parsed query text: the query, and whether it began with {@code explain} (answer plus plan). */
public record Statement(Query query, boolean explain) {
}
