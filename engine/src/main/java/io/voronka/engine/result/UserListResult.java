package io.voronka.engine.result;

import java.util.List;

/** A page of user keys (drill-down): {@code total} users match, {@code users} are those from {@code offset}. */
public record UserListResult(String description, long total, int offset, List<String> users) implements QueryResult {
    public UserListResult {
        users = List.copyOf(users);
    }
}
