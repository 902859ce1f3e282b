package io.voronka.dsl;

/** Carries the first syntax error out of ANTLR's callbacks, which cannot throw checked exceptions. */
final class SyntaxErrorSignal extends RuntimeException {
    private final QueryException error;

    SyntaxErrorSignal(QueryException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    QueryException error() {
        return error;
    }
}
