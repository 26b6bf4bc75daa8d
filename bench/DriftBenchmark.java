import com.modelsteward.drift.DriftEngine;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.ReferenceProfile;
import com.modelsteward.drift.SyntheticSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * PSI + KS for 20 features of 1 000 000 reference × 1 000 000 current values, this engine against numpy + scipy in the
 * same run on the same data (bench/drift_bench.py regenerates it bit for bit). Not a test: run it by hand (docs/drift.md):
 *
 * <pre>mvn -B -o -q package -DskipTests
 * java -Xmx4g -cp "target/classes:target/lib/*" bench/DriftBenchmark.java [repeats]</pre>
 *
 * Cold = nothing cached: both samples from arrays in memory, the reference sorted and binned inside the timing. Warm = the
 * reference already sorted and binned (a ReferenceProfile), the console's real case. Times are the median of the repeats
 * after one untimed pass (JIT warm-up for Java; imports and page faults for Python).
 */
public final class DriftBenchmark {

    private static final int FEATURES = 20;
    private static final int N = 1_000_000;
    private static final String[] KINDS = {"bell", "heavy", "int"};

    record Spec(String kind, long seed, int n, double scale, double shift, double quantum) {
        String json() {
            return String.format(Locale.ROOT, "{\"kind\":\"%s\",\"seed\":%d,\"n\":%d,\"scale\":%s,\"shift\":%s,\"quantum\":%s}", kind, seed, n,
                    scale, shift, quantum);
        }

        double[] generate() {
            return SyntheticSamples.generate(kind, seed, n, scale, shift, quantum);
        }
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Spec[]> specs = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            String kind = KINDS[f % KINDS.length];
            double quantum = f % 4 == 3 ? 1024.0 : 0.0;
            specs.add(new Spec[] {new Spec(kind, 1000L + 2 * f, N, 1.0, 0.0, quantum),
                    new Spec(kind, 1001L + 2 * f, N, 1.0 + 0.01 * (f % 5), 0.002 * f, quantum)});
        }
        DriftPolicy policy = DriftPolicy.DEFAULT;
        List<double[][]> data = new ArrayList<>();
        for (Spec[] spec : specs) {
            data.add(new double[][] {spec[0].generate(), spec[1].generate()});
        }
        System.out.printf("Drift benchmark: %d features of %,d × %,d values, %d processors, Java %s%n", FEATURES, N, N,
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        long firstStart = System.nanoTime();
        List<FeatureDrift> results = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            results.add(DriftEngine.compare("f" + f, "FEATURE", data.get(f)[0], data.get(f)[1], policy));
        }
        double firstCold = (System.nanoTime() - firstStart) / 1e9;
        double[] cold = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int f = 0; f < FEATURES; f++) {
                DriftEngine.compare("f" + f, "FEATURE", data.get(f)[0], data.get(f)[1], policy);
            }
            cold[r] = (System.nanoTime() - start) / 1e9;
        }
        List<ReferenceProfile> profiles = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            profiles.add(ReferenceProfile.of(data.get(f)[0], policy.bins()));
        }
        double[] warm = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int f = 0; f < FEATURES; f++) {
                DriftEngine.compare("f" + f, "FEATURE", profiles.get(f), data.get(f)[1], policy);
            }
            warm[r] = (System.nanoTime() - start) / 1e9;
        }
        data.clear();

        StringBuilder json = new StringBuilder("[");
        for (Spec[] spec : specs) {
            json.append(json.length() > 1 ? "," : "").append("{\"reference\":").append(spec[0].json()).append(",\"current\":")
                    .append(spec[1].json()).append('}');
        }
        json.append(']');
        Process python = new ProcessBuilder("python3", "bench/drift_bench.py", json.toString(), String.valueOf(repeats))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (python.waitFor() != 0) {
            throw new IllegalStateException("bench/drift_bench.py failed");
        }
        var py = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
        double pyCold = median(doubles(py.get("cold_seconds")));
        double pyWarm = median(doubles(py.get("warm_seconds")));
        double worstPsi = 0;
        double worstD = 0;
        double worstP = 0;
        for (int f = 0; f < FEATURES; f++) {
            var expected = py.get("results").get(f);
            FeatureDrift got = results.get(f);
            worstPsi = Math.max(worstPsi, Math.abs(expected.get("psi").asDouble() - got.psi()));
            worstD = Math.max(worstD, Math.abs(expected.get("ks_statistic").asDouble() - got.ksStatistic()));
            double p = expected.get("ks_pvalue").asDouble();
            worstP = Math.max(worstP, p == 0 ? Math.abs(got.ksPvalue()) : Math.abs(p - got.ksPvalue()) / Math.abs(p));
        }
        double javaCold = median(cold);
        double javaWarm = median(warm);
        System.out.printf("numpy %s, scipy %s%n", py.get("numpy").asText(), py.get("scipy").asText());
        System.out.printf("%-34s %10s %14s%n", "", "total s", "per feature s");
        row("Java, first pass (JIT cold)", firstCold);
        row("Java cold (median)", javaCold);
        row("Java warm (median)", javaWarm);
        row("numpy + scipy cold (median)", pyCold);
        row("numpy + scipy warm (median)", pyWarm);
        System.out.printf("Speed-up cold: %.1f×   warm vs numpy+scipy cold: %.1f×   warm vs numpy+scipy warm: %.1f×%n", pyCold / javaCold,
                pyCold / javaWarm, pyWarm / javaWarm);
        System.out.printf("Agreement over %d features: max |ΔPSI| %.2e, max |ΔD| %.2e, max relative Δp %.2e%n", FEATURES, worstPsi, worstD, worstP);
    }

    private static void row(String name, double seconds) {
        System.out.printf("%-34s %10.3f %14.4f%n", name, seconds, seconds / FEATURES);
    }

    private static double[] doubles(com.fasterxml.jackson.databind.JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
