package com.modelsteward.lineage;

import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Places the versions of one name on a grid for the lineage graph: one column per version in creation order, and
 * lanes like a git history. Each parent's line continues with the child whose descendants reach furthest; other children
 * open a branch on the lowest lane free from the parent's column on. A name with 200 versions and regular forks stays
 * within a handful of lanes.
 */
public final class GraphLayout {

    public record Position(ModelSummary version, int column, int lane) {
    }

    public record Edge(String parentId, String childId) {
    }

    private final List<Position> positions;
    private final List<Edge> edges;
    private final int lanes;

    private GraphLayout(List<Position> positions, List<Edge> edges, int lanes) {
        this.positions = positions;
        this.edges = edges;
        this.lanes = lanes;
    }

    public static GraphLayout of(LineageTree.Group group) {
        List<LineageTree.Node> all = new ArrayList<>();
        List<LineageTree.Node> stack = new ArrayList<>(group.roots());
        List<Edge> edges = new ArrayList<>();
        while (!stack.isEmpty()) {
            LineageTree.Node node = stack.removeLast();
            all.add(node);
            for (LineageTree.Node child : node.children()) {
                edges.add(new Edge(node.modelId(), child.modelId()));
                stack.add(child);
            }
        }
        all.sort(Comparator.comparing((LineageTree.Node n) -> n.version().createdAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(LineageTree.Node::modelId));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            column.put(all.get(i).modelId(), i);
        }
        Map<String, Integer> reach = new HashMap<>();
        for (LineageTree.Node node : all.reversed()) {
            int furthest = column.get(node.modelId());
            for (LineageTree.Node child : node.children()) {
                furthest = Math.max(furthest, reach.getOrDefault(child.modelId(), column.get(child.modelId())));
            }
            reach.put(node.modelId(), furthest);
        }

        record Branch(LineageTree.Node first, int start) {
        }
        PriorityQueue<Branch> branches = new PriorityQueue<>(Comparator.comparingInt(Branch::start)
                .thenComparingInt(b -> column.get(b.first().modelId())));
        for (LineageTree.Node root : group.roots()) {
            branches.add(new Branch(root, column.get(root.modelId())));
        }
        List<Integer> laneEnds = new ArrayList<>();
        Map<String, Integer> laneOf = new HashMap<>();
        while (!branches.isEmpty()) {
            Branch branch = branches.poll();
            List<LineageTree.Node> path = new ArrayList<>();
            LineageTree.Node current = branch.first();
            while (current != null) {
                path.add(current);
                LineageTree.Node main = current.children().stream()
                        .max(Comparator.comparingInt((LineageTree.Node c) -> reach.get(c.modelId()))).orElse(null);
                for (LineageTree.Node child : current.children()) {
                    if (child != main) {
                        branches.add(new Branch(child, column.get(current.modelId())));
                    }
                }
                current = main;
            }
            int end = column.get(path.getLast().modelId());
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) >= branch.start()) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(end);
            } else {
                laneEnds.set(lane, end);
            }
            for (LineageTree.Node node : path) {
                laneOf.put(node.modelId(), lane);
            }
        }
        List<Position> positions = all.stream().map(n -> new Position(n.version(), column.get(n.modelId()), laneOf.get(n.modelId()))).toList();
        return new GraphLayout(positions, List.copyOf(edges), Math.max(1, laneEnds.size()));
    }

    public List<Position> positions() {
        return positions;
    }

    public List<Edge> edges() {
        return edges;
    }

    public int lanes() {
        return lanes;
    }

    public int columns() {
        return positions.size();
    }
}
