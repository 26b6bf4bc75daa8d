package com.modelsteward.bench;

import com.modelsteward.registry.AuditTrail;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Issue 9: "{@code audit verify} throughput ≥ 200 000 entries/s". {@link AuditTrail#verify} walks the whole chain of a
 * scale registry (a REGISTER entry per version, plus enrolments and promotions). The primary score is whole walks per
 * second; the secondary score {@code entries} is the figure, audit entries checked per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// Iterations of 2 s: one walk of the 100 000-version chain takes about half a second.
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class AuditVerifyBenchmark {

    @Param({"1000", "100000"})
    public int size;

    private ScaleRegistry scale;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        scale = ScaleRegistry.create(size);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        scale.close();
    }

    /** The chain's length varies with the size, so JMH counts the entries themselves and reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Entries {

        public long entries;

        @Setup(Level.Iteration)
        public void reset() {
            entries = 0;
        }
    }

    @Benchmark
    public AuditTrail.Verification verify(Entries counted) {
        AuditTrail.Verification result = AuditTrail.verify(scale.registry());
        // A walk that stops at a bad entry would be fast for the wrong reason.
        if (!result.ok()) {
            throw new IllegalStateException("the generated chain does not verify: " + result.problem());
        }
        counted.entries += result.checked();
        return result;
    }
}
