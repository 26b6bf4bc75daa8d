package com.modelsteward.bench;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.ui.models.ModelsViewModel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9: "filter/search of the Models view ≤ 100 ms at 100 000 versions", the part that grows with the registry:
 * {@link ModelsViewModel#filter} over every version and its search keys, as the view runs it in the background after a
 * keystroke (any type, any state, no sort). The FX thread's share (swapping in the list, layout) is only in
 * bench/ScaleBenchmark.java. Calls take the 21 search texts of that harness in turn (a name prefix, a version fragment,
 * empty), so the score is their mean. No FX toolkit is started: filter is a static pure function.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ModelsSearchBenchmark {

    @Param({"1000", "100000"})
    public int size;

    private ScaleRegistry scale;
    private List<ModelSummary> versions;
    private List<String> keys;
    private String[] texts;
    private int next;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        scale = ScaleRegistry.create(size);
        versions = new ModelCatalog(scale.registry()).versions();
        // The view computes the keys once per load, not per search.
        keys = versions.stream().map(ModelsViewModel::searchKey).toList();
        texts = IntStream.range(0, 21)
                .mapToObj(i -> i % 3 == 0 ? "strategy_0" + (i % 10) : (i % 3 == 1 ? "." + i + ".0" : ""))
                .toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        scale.close();
    }

    @Benchmark
    public List<ModelSummary> search() {
        String text = texts[next];
        next = (next + 1) % texts.length;
        return ModelsViewModel.filter(versions, keys, ModelsViewModel.ALL, ModelsViewModel.ALL, text, null);
    }
}
