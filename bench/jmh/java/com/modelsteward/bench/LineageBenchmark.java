package com.modelsteward.bench;

import com.modelsteward.lineage.GraphLayout;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.demo.ScaleGenerator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9: "lineage of a name with 1 000 versions ≤ 300 ms", the pure part: {@link LineageTree#build} over the versions
 * of one name and {@link GraphLayout#of} its group, what the Lineage view computes when a version of another name is
 * selected. The input is one name's versions, and the scale generator gives every name
 * {@value ScaleGenerator#VERSIONS_PER_NAME} whatever the registry's size, so a registry of one name is enough: no size
 * parameter, and no 100 000-version registry to generate for it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LineageBenchmark {

    private ScaleRegistry scale;
    private String name;
    private List<ModelSummary> versions;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        scale = ScaleRegistry.create(ScaleGenerator.VERSIONS_PER_NAME);
        ModelCatalog catalog = new ModelCatalog(scale.registry());
        name = catalog.modelNames().getFirst();
        versions = catalog.versionsOf(name);
        if (versions.size() != ScaleGenerator.VERSIONS_PER_NAME) {
            throw new IllegalStateException(name + " has " + versions.size() + " versions, not " + ScaleGenerator.VERSIONS_PER_NAME);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        scale.close();
    }

    @Benchmark
    public GraphLayout treeAndLayout() {
        LineageTree tree = LineageTree.build(versions, com.modelsteward.policy.PolicyLoader.builtIn(java.util.Map.of()).liveState());
        return GraphLayout.of(tree.group(name).orElseThrow());
    }
}
