package com.modelsteward.drift;

/**
 * Deterministic samples that numpy reproduces bit for bit (golden tests, the benchmark): SplitMix64 uniforms
 * transformed with +, −, ×, ÷ and floor only, which IEEE 754 rounds identically everywhere. The Python twin is
 * {@code src/test/resources/golden/make_drift_golden.py} ({@code splitmix_uniforms}, {@code synthetic}).
 */
public final class SyntheticSamples {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SyntheticSamples() {
    }

    /** The k-th uniform (k ≥ 1) of the stream with this seed, in [0, 1) with 53 random bits. */
    static double uniform(long seed, long k) {
        long z = seed + GOLDEN_GAMMA * k;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * {@code n} values of a kind: "bell" (Irwin–Hall of four uniforms, centred: nearly normal), "heavy" ((u − ½)/(u' + 0.001),
     * a slash-like heavy tail) or "int" (floor(u·10), ties everywhere); then × scale + shift, and for quantum &gt; 0 floored
     * to multiples of 1/quantum (power of two, so exact) to create ties.
     */
    public static double[] generate(String kind, long seed, int n, double scale, double shift, double quantum) {
        double[] values = new double[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            long k = 4L * i;
            double base = switch (kind) {
                case "bell" -> ((uniform(seed, k + 1) + uniform(seed, k + 2)) + (uniform(seed, k + 3) + uniform(seed, k + 4))) - 2.0;
                case "heavy" -> (uniform(seed, k + 1) - 0.5) / (uniform(seed, k + 2) + 0.001);
                case "int" -> Math.floor(uniform(seed, k + 1) * 10.0);
                default -> throw new IllegalArgumentException("unknown sample kind " + kind);
            };
            double value = base * scale + shift;
            values[i] = quantum > 0 ? Math.floor(value * quantum) / quantum : value;
        });
        return values;
    }
}
