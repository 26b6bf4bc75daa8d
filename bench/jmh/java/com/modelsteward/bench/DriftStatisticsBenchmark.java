package com.modelsteward.bench;

import com.modelsteward.drift.DriftEngine;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.ReferenceProfile;
import com.modelsteward.drift.SyntheticSamples;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9's drift statistics for one feature: PSI + KS (statistic and p-value) of 100 000 current values against
 * 100 000 reference values already profiled (sorted and binned once, a {@link ReferenceProfile}, as the console keeps
 * them), so the time is the current sample's sort, its bin counts, PSI and KS. The samples are those of
 * bench/DriftBenchmark.java (which compares the engine with numpy + scipy at 1 000 000 values): near-normal, heavy-tailed,
 * and integers full of ties, the current one scaled and shifted a little.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class DriftStatisticsBenchmark {

    private static final int N = 100_000;

    @Param({"bell", "heavy", "int"})
    public String kind;

    private ReferenceProfile reference;
    private double[] current;

    @Setup(Level.Trial)
    public void prepare() {
        reference = ReferenceProfile.of(SyntheticSamples.generate(kind, 1000L, N, 1.0, 0.0, 0.0), DriftPolicy.DEFAULT.bins());
        current = SyntheticSamples.generate(kind, 1001L, N, 1.01, 0.002, 0.0);
    }

    @Benchmark
    public FeatureDrift psiAndKs() {
        return DriftEngine.compare("f0", "FEATURE", reference, current, DriftPolicy.DEFAULT);
    }
}
