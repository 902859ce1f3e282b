package io.voronka.engine.result;

import java.util.List;

/**
 * A page of user keys (drill-down): {@code total} users reached step {@code reachedStep} of a {@code steps}-step
 * funnel and no further (all steps: completed it); {@code users} are those from {@code offset}.
 */
public record UserListResult(int reachedStep, int steps, long total, int offset, List<String> users)
        implements QueryResult {
    public UserListResult {
        users = List.copyOf(users);
    }

    /** True when the list is of users who completed the funnel. */
    public boolean completed() {
        return reachedStep == steps;
    }

    @Override
    public long estimatedBytes() {
        return ResultSize.BASE + ResultSize.texts(users);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.users(this);
    }
}
