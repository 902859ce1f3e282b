package io.voronka.engine.eval;

import java.io.Serializable;

/**
 * What an evaluator has gathered about some users before it answers: counts, exact values, whole paths, keyed by
 * names and labels rather than by one store's codes. Partial answers of one query over disjoint sets of users add
 * up ({@link #plus}) to the partial answer over their union, so the answer over the partitions of a Spark job and the
 * answer over one store come out of the same finish step ({@link MergingEvaluator#finish}).
 */
public interface PartialAnswer extends Serializable {
    /**
     * This and {@code other} (the same query's partial answer over other users, of the same class) together; may
     * reuse the state of either.
     */
    PartialAnswer plus(PartialAnswer other);
}
