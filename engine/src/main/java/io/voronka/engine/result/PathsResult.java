package io.voronka.engine.result;

import io.voronka.engine.query.PathsQuery;

import java.util.List;

/**
 * A paths diagram: {@code users} who have a path, the nodes by position (most users first within a position;
 * "other" and "end" last), the links between nodes of consecutive positions, and the most common whole paths
 * ({@code flows}, most users first).
 */
public record PathsResult(PathsQuery query, long users, List<PathNode> nodes, List<PathLink> links,
                          List<PathFlow> flows) implements QueryResult {
    public PathsResult {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        flows = List.copyOf(flows);
    }

    /** How many positions the diagram has (0 when nobody has a path). */
    public int positions() {
        return nodes.stream().mapToInt(PathNode::position).max().orElse(0);
    }

    @Override
    public long estimatedBytes() {
        long bytes = ResultSize.BASE + links.size() * 32L;
        for (PathNode node : nodes) {
            bytes += 48 + ResultSize.text(node.event());
        }
        for (PathFlow flow : flows) {
            bytes += 32 + ResultSize.texts(flow.events());
        }
        return bytes;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.paths(this);
    }
}
