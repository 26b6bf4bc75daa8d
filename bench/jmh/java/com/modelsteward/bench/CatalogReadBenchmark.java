package com.modelsteward.bench;

import com.modelsteward.registry.ActiveCache;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Issue 9's reads that must cost the same at 1 000 and 100 000 versions: the ACTIVE version of a name through the
 * in-memory cache ({@code Registry.activeCache(liveState)}, the hit path: nothing writes during the run), and for comparison one
 * version's full record by id through the catalog (one query by primary key).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CatalogReadBenchmark {

    @Param({"1000", "100000"})
    public int size;

    private ScaleRegistry scale;
    private ActiveCache cache;
    private ModelCatalog catalog;
    private String activeName;
    private long cacheLoads;
    /** A power of two in length: the next id is picked with a mask. */
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        scale = ScaleRegistry.create(size);
        cache = scale.registry().activeCache(com.modelsteward.policy.PolicyLoader.builtIn(java.util.Map.of()).liveState());
        activeName = cache.all().keySet().stream().sorted().findFirst()
                .orElseThrow(() -> new IllegalStateException("the scale registry has no ACTIVE version"));
        cacheLoads = cache.loads();
        catalog = new ModelCatalog(scale.registry());
        List<ModelSummary> versions = catalog.versions();
        // Ids spread over the whole file, so the reads are not all of one cached page.
        ids = new Random(ScaleRegistry.SEED).ints(1024, 0, versions.size()).mapToObj(i -> versions.get(i).modelId()).toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        // Any reload would mean the figure was not the hit path it claims to be.
        if (cache.loads() != cacheLoads) {
            throw new IllegalStateException("the ACTIVE cache was reloaded " + (cache.loads() - cacheLoads) + " times during the run");
        }
        scale.close();
    }

    @Benchmark
    public Optional<String> activeModelId() {
        return cache.activeModelId(activeName);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ModelVersion versionById() {
        String id = ids[next];
        next = (next + 1) & (ids.length - 1);
        return catalog.version(id).orElseThrow();
    }
}
