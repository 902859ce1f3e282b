package io.voronka.dsl;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;

/**
 * ANTLR's default strategy, made strict at loop and optional-block decisions. The default {@code sync} lets a
 * rule end quietly when the next token fits nothing, so {@code 3 > 4 blah} would fail later at {@code EOF} with
 * "expected the end of the query" only. Checking against the full-context expected set here reports the error
 * where it is, with everything that could have come there (the error listener throws, so the first report
 * ends the parse).
 */
final class FirstErrorStrategy extends DefaultErrorStrategy {
    @Override
    public void sync(Parser recognizer) {
        int next = recognizer.getInputStream().LA(1);
        if (recognizer.getExpectedTokens().contains(next)) {
            return;
        }
        recognizer.notifyErrorListeners(recognizer.getCurrentToken(), "unexpected token", null);
        super.sync(recognizer);
    }
}
