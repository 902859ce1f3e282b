package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.engine.error.ClosestNames;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.List;

/** The one listener on lexer and parser: turns the first syntax error into a {@link QueryException} and stops. */
final class ThrowingErrorListener extends BaseErrorListener {
    private static final String QUOTE_HINT = "names with spaces or other characters go in quotes: \"Создание заявки\"";

    private final SourceText source;

    ThrowingErrorListener(SourceText source) {
        this.source = source;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (recognizer instanceof Parser parser && offendingSymbol instanceof Token token) {
            throw new SyntaxErrorSignal(parserError(parser, token));
        }
        // The lexer has catch-all error tokens, so this is only a guard.
        throw new SyntaxErrorSignal(source.error(line, charPositionInLine + 1, "", "unexpected character", List.of(),
                QUOTE_HINT));
    }

    private QueryException parserError(Parser parser, Token token) {
        IntervalSet expectedSet = parser.getExpectedTokens();
        Token previous = token.getTokenIndex() > 0 ? parser.getTokenStream().get(token.getTokenIndex() - 1) : null;
        List<String> expected = ExpectedTokens.describe(expectedSet, previous);
        switch (token.getType()) {
            case Token.EOF:
                String problem = token.getTokenIndex() == 0 ? "the query is empty" : "the query ends too early";
                return source.errorAt(token, problem, expected, "");
            case VoronkaQueryLexer.UNTERMINATED_STRING:
                return source.errorAt(token, "a quote that is never closed", expected,
                        "close it with the quote it starts with: " + token.getText() + token.getText().charAt(0));
            case VoronkaQueryLexer.UNEXPECTED_CHAR:
                return source.errorAt(token, "unexpected character '" + token.getText() + "'", expected, QUOTE_HINT);
            default:
                return source.errorAt(token, "unexpected '" + token.getText() + "'", expected,
                        hintFor(token, expectedSet));
        }
    }

    private static String hintFor(Token token, IntervalSet expectedSet) {
        if (token.getType() == VoronkaQueryLexer.INT && expectedSet.contains(VoronkaQueryLexer.DURATION)) {
            return "add a unit to the number: " + token.getText() + "d (s, m or min, h, d, w)";
        }
        if (ExpectedTokens.isWord(token.getType())) {
            return ClosestNames.didYouMean(token.getText(), ExpectedTokens.keywords(expectedSet));
        }
        return "";
    }
}
