package io.voronka.engine.query;

import java.util.List;

/**
 * Which users a query counts: those meeting every condition ({@code where did 13|10 and first utm_source = 'vk'}).
 * Any query kind carries one; {@link #NONE} keeps everybody. The users left out are not seen by the query at all,
 * as if the store held only the others.
 */
public record UserFilter(List<UserCondition> conditions) {
    public static final UserFilter NONE = new UserFilter(List.of());

    public UserFilter {
        conditions = List.copyOf(conditions);
    }

    public boolean isNone() {
        return conditions.isEmpty();
    }
}
