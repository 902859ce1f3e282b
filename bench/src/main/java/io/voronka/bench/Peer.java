package io.voronka.bench;

import java.util.Map;

/** One system answering the questions on the same rows. Answers are key → value maps (see {@link Answers}). */
public interface Peer extends AutoCloseable {
    String name();

    /** Events this peer holds, for events/s. */
    long events();

    Map<String, Double> answer(Question question) throws Exception;

    /** Why this peer's answers may differ from Voronka's, in one sentence (empty when they must be equal). */
    default String semantics() {
        return "";
    }

    /** Releases the peer's connection or server; narrower than AutoCloseable's (no InterruptedException). */
    @Override
    void close() throws java.sql.SQLException;
}
