import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.modelsteward.drift.CsvSamples;
import com.modelsteward.drift.DriftEngine;
import com.modelsteward.drift.DriftKinds;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.SyntheticSamples;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * Drift of 20 features, 1 000 000 reference × 1 000 000 current rows, this engine against numpy + scipy doing the same
 * work (bench/drift_bench.py), measured as PAIRED, INTERLEAVED runs in one invocation so that whatever else the machine
 * does hits both sides alike (docs/drift.md, "Performance"). Not a test: run it by hand from the project's folder.
 *
 * <pre>mvn -B -o -q -Ppackage package -DskipTests -Dinstaller.skip=true   # classes, jar and the app-image for A
 * java -cp "target/classes:target/lib/*" bench/DriftBenchmark.java [pairs, default 7] [folder for the data files]</pre>
 *
 * <ol>
 *   <li>Writes the two CSV files once to a temp folder (Double.toString, the shortest text that reads back to the same
 *       double, so both sides read the same values); given a folder as the second argument, writes them there once and
 *       reuses them on later runs.</li>
 *   <li>End to end, as a user waits for it: A = the drift command as a user runs it, {@code model-steward-cli drift
 *       --reference … --current … --json} from the app-image ({@code mvn -B -Ppackage package -DskipTests
 *       -Dinstaller.skip=true}; another launcher with {@code -Dbench.launcher=PATH}), B = {@code python3
 *       bench/drift_bench.py e2e …} (np.loadtxt of both files, then the drift), each a whole process under
 *       /usr/bin/time for its peak resident memory; A B on even pairs, B A on odd ones. A side row J runs the same
 *       command from the build's classes ({@code java -cp "target/classes:target/lib/*" com.modelsteward.Main}, no
 *       AOT cache, no launcher options) in the same pairs (A B J, J B A); without an app-image A is that command and
 *       there is no J. A second side row P runs A on the same data as Parquet (snappy, written once from the CSV files
 *       by DuckDB: bench/parquet/csv-to-parquet.mjs, after {@code npm ci --prefix bench/parquet}; skipped with a note
 *       when that is not installed), last in even pairs and first in odd ones; its results must equal A's exactly.
 *       Every timed run of a pair starts after the machine has been idle for {@code -Dbench.settle} seconds (default
 *       12): on some virtual machines memory that another process freed a moment ago is handed out again at a
 *       fraction of the cost of fresh memory, and a run that starts right after a large process would be measured in
 *       a state a user's command does not see. 0 runs them back to back.</li>
 *   <li>Compute only, both samples in memory: A = {@link DriftEngine#compareInPlace} for every feature, a feature per
 *       core (the command's own path), on fresh copies; B = the same drift in a Python process that loaded the files
 *       once; interleaved the same way.</li>
 *   <li>The command's reading alone in this JVM (CsvSamples.read of both files, JIT cold and warm), and the floors on
 *       this machine: one pass over the files' bytes ({@code cat}, and a Java read), one LSD radix sort and one
 *       Arrays.sort of 10^6 doubles, one np.sort; the start-up of each side; and the first write of the raw doubles'
 *       memory in a new process, after the settle and right after a process that freed as much.</li>
 * </ol>
 * Every pair's results must agree: PSI and D to 1e-9 relative, p to 1e-6 relative (0 and 0 agree).
 */
public final class DriftBenchmark {

    private static final int FEATURES = 20;
    private static final int N = 1_000_000;
    private static final String[] KINDS = {"bell", "heavy", "int"};
    private static final String CLASS_PATH = "target/classes" + File.pathSeparator + "target/lib/*";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds of idle before each timed whole-process run of a pair (see the class comment). */
    private static final long SETTLE_SECONDS = Long.getLong("bench.settle", 12);
    /** A new Python process writes the raw doubles' 320 MB once and prints how long the first write took. */
    private static final String FIRST_WRITE = "import time, numpy\n"
            + "t = time.perf_counter(); a = numpy.empty(" + 2 * FEATURES * N + "); a.fill(1.0); print(time.perf_counter() - t)";

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            throw new IllegalStateException("/usr/bin/time (GNU time) measures each side's peak memory: apt-get install time");
        }
        double loadAtStart = load();
        boolean keep = args.length > 1;
        Path dir = keep ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("drift-bench");
        double[][][] data = generate();
        Path reference = dir.resolve("reference.csv");
        Path current = dir.resolve("current.csv");
        if (!keep || !Files.isRegularFile(reference) || !Files.isRegularFile(current)) {
            write(reference, data, 0);
            write(current, data, 1);
        }
        long bytes = Files.size(reference) + Files.size(current);
        System.out.printf(Locale.ROOT, "Drift benchmark: %d features, %,d reference × %,d current rows; %s %.0f MB, %s %.0f MB%n", FEATURES, N,
                N, reference.getFileName(), Files.size(reference) / 1e6, current.getFileName(), Files.size(current) / 1e6);
        System.out.printf(Locale.ROOT, "Machine: %d processors, Java %s; load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAtStart);

        PythonWorker python = new PythonWorker(reference, current);
        System.out.printf("numpy %s, scipy %s%n%n", python.versions.get("numpy").asText(), python.versions.get("scipy").asText());

        List<String> drift = List.of("drift", "--reference", reference.toString(), "--current", current.toString(), "--json");
        List<String> fromClasses = new ArrayList<>(List.of(javaCommand, "-cp", CLASS_PATH, "com.modelsteward.Main"));
        fromClasses.addAll(drift);
        Path launcher = Path.of(System.getProperty("bench.launcher", "target/app-image/model-steward/bin/model-steward-cli"));
        boolean packaged = Files.isExecutable(launcher);
        List<String> a = timed(dir.resolve("time-a"), packaged ? concat(List.of(launcher.toString()), drift) : fromClasses);
        List<String> j = timed(dir.resolve("time-j"), fromClasses);
        System.out.println(packaged ? "A = " + launcher + " (the installed launcher: its AOT cache and options); side row J = the build's classes"
                : "A = the build's classes (no app-image at " + launcher + ": mvn -Ppackage package -DskipTests -Dinstaller.skip=true)");
        List<String> b = List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", dir.resolve("time-b").toString(), "python3",
                "bench/drift_bench.py", "e2e", reference.toString(), current.toString());
        Path referenceParquet = dir.resolve("reference.parquet");
        Path currentParquet = dir.resolve("current.parquet");
        boolean parquet = keep && Files.isRegularFile(referenceParquet) && Files.isRegularFile(currentParquet)
                || toParquet(reference, referenceParquet) && toParquet(current, currentParquet);
        List<String> columnar = new ArrayList<>(a);
        columnar.set(columnar.indexOf(reference.toString()), referenceParquet.toString());
        columnar.set(columnar.indexOf(current.toString()), currentParquet.toString());
        columnar.set(columnar.indexOf(dir.resolve("time-a").toString()), dir.resolve("time-p").toString());
        if (parquet) {
            System.out.printf(Locale.ROOT, "Parquet (DuckDB, snappy): %s %.0f MB, %s %.0f MB%n", referenceParquet.getFileName(),
                    Files.size(referenceParquet) / 1e6, currentParquet.getFileName(), Files.size(currentParquet) / 1e6);
        } else {
            System.out.println("Parquet row P skipped: bench/parquet/node_modules is missing (npm ci --prefix bench/parquet) or node failed");
        }
        System.out.println("End to end (whole processes; speed-up = B / A" + (packaged ? "; J = the same from the build's classes, a side row" : "")
                + "; each timed run after " + SETTLE_SECONDS + " s of idle):");
        List<Run> endToEndA = new ArrayList<>();
        List<Run> endToEndB = new ArrayList<>();
        List<Run> endToEndJ = new ArrayList<>();
        List<Run> endToEndP = new ArrayList<>();
        Agreement agreement = new Agreement();
        run(a, dir.resolve("out-a.json"), dir.resolve("time-a")); // one unpaired warm-up of each: file cache, class data
        run(b, dir.resolve("out-b.json"), dir.resolve("time-b"));
        double[] endToEnd = new double[pairs];
        double[] endToEndClasses = new double[pairs];
        double[] endToEndParquet = new double[pairs];
        if (packaged) {
            run(j, dir.resolve("out-j.json"), dir.resolve("time-j"));
        }
        if (parquet) {
            run(columnar, dir.resolve("out-p.json"), dir.resolve("time-p"));
        }
        for (int p = 0; p < pairs; p++) {
            double before = load();
            Run runA;
            Run runB;
            Run runJ = null;
            Run runP = null;
            if (parquet && p % 2 == 1) {
                runP = settledRun(columnar, dir.resolve("out-p.json"), dir.resolve("time-p"));
            }
            if (p % 2 == 0) {
                runA = settledRun(a, dir.resolve("out-a.json"), dir.resolve("time-a"));
                runB = settledRun(b, dir.resolve("out-b.json"), dir.resolve("time-b"));
                runJ = packaged ? settledRun(j, dir.resolve("out-j.json"), dir.resolve("time-j")) : null;
            } else {
                runJ = packaged ? settledRun(j, dir.resolve("out-j.json"), dir.resolve("time-j")) : null;
                runB = settledRun(b, dir.resolve("out-b.json"), dir.resolve("time-b"));
                runA = settledRun(a, dir.resolve("out-a.json"), dir.resolve("time-a"));
            }
            if (parquet && p % 2 == 0) {
                runP = settledRun(columnar, dir.resolve("out-p.json"), dir.resolve("time-p"));
            }
            endToEndA.add(runA);
            endToEndB.add(runB);
            agreement.check(runA.output.get("features"), runB.output.get("features"));
            endToEnd[p] = runB.seconds / runA.seconds;
            System.out.printf(Locale.ROOT, "  pair %d (%s)  A %6.2f s (cpu %5.2f s, peak %4d MB)   B %6.2f s (cpu %5.2f s, peak %4d MB)   B/A %6.2f"
                    + "   load %.2f → %.2f%n", p + 1, p % 2 == 0 ? "A B" : "B A", runA.seconds, runA.cpu, runA.peakMb, runB.seconds, runB.cpu,
                    runB.peakMb, endToEnd[p], before, load());
            if (runJ != null) {
                if (!runJ.output.get("features").equals(runA.output.get("features"))) {
                    throw new IllegalStateException("the build's classes gave other results than the launcher in pair " + (p + 1));
                }
                endToEndJ.add(runJ);
                endToEndClasses[p] = runB.seconds / runJ.seconds;
                System.out.printf(Locale.ROOT, "           J %6.2f s (cpu %5.2f s, peak %4d MB) B/J %6.2f  J/A %6.2f  (%s)%n", runJ.seconds, runJ.cpu,
                        runJ.peakMb, endToEndClasses[p], runJ.seconds / runA.seconds, p % 2 == 0 ? "after B" : "before B");
            }
            if (runP != null) {
                if (!runP.output.get("features").equals(runA.output.get("features"))) {
                    throw new IllegalStateException("the Parquet files gave other results than the CSV files in pair " + (p + 1));
                }
                endToEndP.add(runP);
                endToEndParquet[p] = runB.seconds / runP.seconds;
                System.out.printf(Locale.ROOT, "           P %6.2f s (cpu %5.2f s, peak %4d MB) B/P %6.2f  A/P %6.2f  (%s)%n", runP.seconds, runP.cpu,
                        runP.peakMb, endToEndParquet[p], runA.seconds / runP.seconds, p % 2 == 0 ? "last" : "first");
            }
        }
        summary("end to end", endToEnd, endToEndA, endToEndB);
        if (packaged) {
            double[] overLauncher = IntStream.range(0, pairs).mapToDouble(p -> endToEndJ.get(p).seconds / endToEndA.get(p).seconds).toArray();
            System.out.printf(Locale.ROOT, "  side row J (the build's classes): speed-up median %.2f× (min %.2f, max %.2f); J / A median %.2f (min %.2f, "
                    + "max %.2f); J median %.2f s (cpu %.2f s), peak median %.0f MB (max %.0f)%n", median(endToEndClasses), min(endToEndClasses),
                    max(endToEndClasses), median(overLauncher), min(overLauncher), max(overLauncher),
                    median(endToEndJ.stream().mapToDouble(r -> r.seconds).toArray()), median(endToEndJ.stream().mapToDouble(r -> r.cpu).toArray()),
                    median(endToEndJ.stream().mapToDouble(r -> r.peakMb).toArray()), max(endToEndJ.stream().mapToDouble(r -> r.peakMb).toArray()));
        }

        if (parquet) {
            double[] overCsv = IntStream.range(0, pairs).mapToDouble(p -> endToEndA.get(p).seconds / endToEndP.get(p).seconds).toArray();
            System.out.printf(Locale.ROOT, "  side row P (Parquet): speed-up over numpy + scipy from CSV median %.2f× (min %.2f, max %.2f), over A median "
                    + "%.2f× (min %.2f, max %.2f); P median %.2f s (cpu %.2f s), peak median %.0f MB (max %.0f); results identical to A's%n",
                    median(endToEndParquet), min(endToEndParquet), max(endToEndParquet), median(overCsv), min(overCsv), max(overCsv),
                    median(endToEndP.stream().mapToDouble(r -> r.seconds).toArray()), median(endToEndP.stream().mapToDouble(r -> r.cpu).toArray()),
                    median(endToEndP.stream().mapToDouble(r -> r.peakMb).toArray()), max(endToEndP.stream().mapToDouble(r -> r.peakMb).toArray()));
        }

        System.out.println("\nCompute only (both samples in memory; A in this JVM, B in a Python process that loaded the files once):");
        DriftPolicy policy = DriftPolicy.DEFAULT;
        String[] names = IntStream.range(0, FEATURES).mapToObj(f -> "f" + f).toArray(String[]::new);
        DoubleSupplier javaCompute = () -> {
            double[][][] copies = new double[FEATURES][][];
            for (int f = 0; f < FEATURES; f++) {
                copies[f] = new double[][] {data[f][0].clone(), data[f][1].clone()};
            }
            long start = System.nanoTime();
            List<FeatureDrift> results = IntStream.range(0, FEATURES).parallel()
                    .mapToObj(f -> DriftEngine.compareInPlace(names[f], DriftKinds.of(names[f]), copies[f][0], copies[f][1], policy)).toList();
            double seconds = (System.nanoTime() - start) / 1e9;
            agreement.check(JSON.valueToTree(results.stream().map(r -> Map.of("psi", r.psi(), "ks_statistic", r.ksStatistic(),
                    "ks_pvalue", r.ksPvalue())).toList()), python.lastCompute);
            return seconds;
        };
        python.compute();
        double firstJava = javaCompute.getAsDouble();
        double[] computeRatios = new double[pairs];
        double[] computeA = new double[pairs];
        double[] computeB = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            double before = load();
            if (p % 2 == 0) {
                computeA[p] = javaCompute.getAsDouble();
                computeB[p] = python.compute();
            } else {
                computeB[p] = python.compute();
                computeA[p] = javaCompute.getAsDouble();
            }
            computeRatios[p] = computeB[p] / computeA[p];
            System.out.printf(Locale.ROOT, "  pair %d (%s)  A %6.3f s   B %6.3f s   B/A %6.2f   load %.2f → %.2f%n", p + 1,
                    p % 2 == 0 ? "A B" : "B A", computeA[p], computeB[p], computeRatios[p], before, load());
        }
        System.out.printf(Locale.ROOT, "  compute only: speed-up median %.2f× (min %.2f, max %.2f); A median %.3f s, B median %.3f s; "
                + "A's first pass (JIT cold) %.3f s%n", median(computeRatios), min(computeRatios), max(computeRatios), median(computeA),
                median(computeB), firstJava);

        double[] reads = new double[6];
        for (int r = 0; r < reads.length; r++) {
            long start = System.nanoTime();
            CsvSamples.read(reference);
            CsvSamples.read(current);
            reads[r] = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%nThe command's parts, in this JVM: CsvSamples.read of both files %.3f s the first time (JIT cold), "
                + "median %.3f s after; compute as above%n", reads[0], median(Arrays.copyOfRange(reads, 1, reads.length)));

        System.out.println("\nFloors on this machine (median of 5–7):");
        double cat = medianOf(5, () -> wall(List.of("sh", "-c", "cat \"$0\" \"$1\" > /dev/null", reference.toString(), current.toString())));
        System.out.printf(Locale.ROOT, "  one pass over the bytes of both files (%.0f MB): cat > /dev/null %.3f s, Java read (%d threads) %.3f s%n",
                bytes / 1e6, cat, Runtime.getRuntime().availableProcessors(), medianOf(5, () -> javaRead(reference, current)));
        double[] sample = data[0][0];
        System.out.printf(Locale.ROOT, "  one sort of 10^6 doubles: LSD radix (8-bit digits) %.1f ms, Arrays.sort %.1f ms, np.sort %.1f ms%n",
                1e3 * medianOf(7, () -> radixSortSeconds(sample)), 1e3 * medianOf(7, () -> arraysSortSeconds(sample)), 1e3 * python.sortSeconds());
        System.out.printf(Locale.ROOT, "  start-up: java -version %.3f s, Main help %.3f s; python3 -c 'import numpy, scipy.stats' %.3f s%n",
                medianOf(5, () -> wall(List.of(javaCommand, "-version"))),
                medianOf(5, () -> wall(List.of(javaCommand, "-cp", CLASS_PATH, "com.modelsteward.Main", "help"))),
                medianOf(5, () -> wall(List.of("python3", "-c", "import numpy, scipy.stats"))));
        double[][] writes = new double[3][];
        for (int k = 0; k < writes.length; k++) {
            writes[k] = firstWrites();
        }
        System.out.printf(Locale.ROOT, "  first write of the raw doubles' %d MB in a new process (numpy, 3 times): after %d s of idle %.3f s, "
                + "right after a process that freed as much %.3f s%n", 2L * FEATURES * N * 8 / 1_000_000, SETTLE_SECONDS,
                median(Arrays.stream(writes).mapToDouble(w -> w[0]).toArray()), median(Arrays.stream(writes).mapToDouble(w -> w[1]).toArray()));
        python.close();

        System.out.printf(Locale.ROOT, "%nRaw doubles: %d MB (2 × %d × %,d × 8 bytes); bound 1.5× = %d MB%n", 2L * FEATURES * N * 8 / 1_000_000,
                FEATURES, N, 3L * FEATURES * N * 8 / 1_000_000);
        System.out.printf(Locale.ROOT, "Agreement over %d comparisons: max relative ΔPSI %.1e, ΔD %.1e, Δp %.1e — %s%n", agreement.comparisons,
                agreement.psi, agreement.d, agreement.p, agreement.passed() ? "within 1e-9 / 1e-9 / 1e-6" : "OUT OF BOUNDS");
        System.out.printf(Locale.ROOT, "Load average %.2f at start, %.2f at the end%n", loadAtStart, load());
        if (!keep) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        if (!agreement.passed()) {
            System.exit(1);
        }
    }

    private static void summary(String what, double[] ratios, List<Run> a, List<Run> b) {
        double[] secondsA = a.stream().mapToDouble(r -> r.seconds).toArray();
        double[] secondsB = b.stream().mapToDouble(r -> r.seconds).toArray();
        double[] cpuA = a.stream().mapToDouble(r -> r.cpu).toArray();
        double[] cpuB = b.stream().mapToDouble(r -> r.cpu).toArray();
        double[] peakA = a.stream().mapToDouble(r -> r.peakMb).toArray();
        double[] peakB = b.stream().mapToDouble(r -> r.peakMb).toArray();
        System.out.printf(Locale.ROOT, "  %s: speed-up median %.2f× (min %.2f, max %.2f); A median %.2f s (cpu %.2f s), B median %.2f s (cpu %.2f s)%n",
                what, median(ratios), min(ratios), max(ratios), median(secondsA), median(cpuA), median(secondsB), median(cpuB));
        System.out.printf(Locale.ROOT, "  peak resident memory: A median %.0f MB (max %.0f), B median %.0f MB (max %.0f)%n", median(peakA), max(peakA),
                median(peakB), max(peakB));
    }

    /** The benchmark's features: the reference and current specs of the earlier in-memory benchmark, unchanged. */
    private static double[][][] generate() {
        double[][][] data = new double[FEATURES][2][];
        for (int f = 0; f < FEATURES; f++) {
            String kind = KINDS[f % KINDS.length];
            double quantum = f % 4 == 3 ? 1024.0 : 0.0;
            data[f][0] = SyntheticSamples.generate(kind, 1000L + 2 * f, N, 1.0, 0.0, quantum);
            data[f][1] = SyntheticSamples.generate(kind, 1001L + 2 * f, N, 1.0 + 0.01 * (f % 5), 0.002 * f, quantum);
        }
        return data;
    }

    /** Header f0…f19, then one row per index; blocks of rows are formatted in parallel and written in order. */
    private static Path write(Path file, double[][][] data, int side) throws IOException {
        int block = 50_000;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((String.join(",", IntStream.range(0, FEATURES).mapToObj(f -> "f" + f).toList()) + "\n").getBytes(StandardCharsets.US_ASCII));
            List<byte[]> blocks = IntStream.range(0, N / block).parallel().mapToObj(k -> {
                StringBuilder text = new StringBuilder(block * 300);
                for (int i = k * block; i < (k + 1) * block; i++) {
                    for (int f = 0; f < FEATURES; f++) {
                        text.append(f == 0 ? "" : ",").append(data[f][side][i]);
                    }
                    text.append('\n');
                }
                return text.toString().getBytes(StandardCharsets.US_ASCII);
            }).toList();
            for (byte[] bytes : blocks) {
                out.write(bytes);
            }
        }
        return file;
    }

    /** The CSV file as Parquet, by the outside writer; false when node or its package is not installed. */
    private static boolean toParquet(Path csv, Path parquet) throws IOException, InterruptedException {
        if (!Files.isDirectory(Path.of("bench/parquet/node_modules"))) {
            return false;
        }
        Process process = new ProcessBuilder("node", "bench/parquet/csv-to-parquet.mjs", csv.toString(), parquet.toString()).inheritIO().start();
        return process.waitFor() == 0 && Files.isRegularFile(parquet);
    }

    /** The command under /usr/bin/time, its report written to {@code report}. */
    private static List<String> timed(Path report, List<String> command) {
        return concat(List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", report.toString()), command);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private record Run(double seconds, double cpu, int peakMb, JsonNode output) {
    }

    /** One whole process under /usr/bin/time: wall time from here, its CPU and peak resident set from time's report. */
    private static Run run(List<String> command, Path output, Path timeReport) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        String[] time = Files.readString(timeReport).strip().split("\\s+");
        return new Run(seconds, Double.parseDouble(time[2]) + Double.parseDouble(time[3]), Integer.parseInt(time[1]) / 1024,
                JSON.readTree(output.toFile()));
    }

    /** {@link #run} after {@link #SETTLE_SECONDS} of idle. */
    private static Run settledRun(List<String> command, Path output, Path timeReport) throws IOException, InterruptedException {
        Thread.sleep(SETTLE_SECONDS * 1000);
        return run(command, output, timeReport);
    }

    /** The first write of the raw doubles' memory in a new process, in seconds, as that process measured it. */
    private static double firstWrite() {
        try {
            Process process = new ProcessBuilder("python3", "-c", FIRST_WRITE).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("python3 -c '" + FIRST_WRITE + "' failed");
            }
            return Double.parseDouble(printed);
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** {@link #firstWrite} after the settle, and right after a process that wrote (and freed) as much. */
    private static double[] firstWrites() {
        try {
            Thread.sleep(SETTLE_SECONDS * 1000);
        } catch (InterruptedException interrupted) {
            throw new IllegalStateException(interrupted);
        }
        double settled = firstWrite();
        return new double[] {settled, firstWrite()};
    }

    private static double wall(List<String> command) {
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Both files read once in 4 MB pieces by as many threads as processors, nothing done with the bytes. */
    private static double javaRead(Path... files) {
        long start = System.nanoTime();
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                int piece = 4 << 20;
                long size = channel.size();
                ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.wrap(new byte[piece]));
                IntStream.range(0, (int) ((size + piece - 1) / piece)).parallel().forEach(k -> {
                    ByteBuffer buffer = buffers.get().clear();
                    try {
                        while (buffer.hasRemaining() && channel.read(buffer, (long) k * piece + buffer.position()) > 0) {
                            // keep reading until the piece is full or the file ends
                        }
                    } catch (IOException failed) {
                        throw new IllegalStateException(failed);
                    }
                });
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double arraysSortSeconds(double[] sample) {
        double[] copy = sample.clone();
        long start = System.nanoTime();
        Arrays.sort(copy);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The radix floor: an LSD radix sort of the doubles' order-preserving 64-bit keys (sign bit flipped for positives,
     * all bits for negatives), eight passes of 8 bits as in the engine's FiniteSort, a pass skipped when one digit holds
     * every key.
     */
    private static double radixSortSeconds(double[] sample) {
        double[] values = sample.clone();
        long[] keys = new long[values.length];
        long[] other = new long[values.length];
        long start = System.nanoTime();
        int bits = 8;
        int passes = (64 + bits - 1) / bits;
        int[][] counts = new int[passes][1 << bits];
        for (int i = 0; i < values.length; i++) {
            long raw = Double.doubleToRawLongBits(values[i]);
            long key = raw ^ (raw >> 63 | Long.MIN_VALUE);
            keys[i] = key;
            for (int p = 0; p < passes; p++) {
                counts[p][(int) (key >>> (p * bits)) & ((1 << bits) - 1)]++;
            }
        }
        long[] from = keys;
        long[] to = other;
        for (int p = 0; p < passes; p++) {
            int[] count = counts[p];
            if (Arrays.stream(count).anyMatch(c -> c == values.length)) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (long key : from) {
                to[count[(int) (key >>> (p * bits)) & ((1 << bits) - 1)]++] = key;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        for (int i = 0; i < values.length; i++) {
            long key = from[i];
            values[i] = Double.longBitsToDouble(key ^ (~key >> 63 | Long.MIN_VALUE));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] check = sample.clone();
        Arrays.sort(check);
        if (!Arrays.equals(check, values)) {
            throw new IllegalStateException("the radix sort does not sort");
        }
        return seconds;
    }

    /** bench/drift_bench.py worker: the files loaded once, then compute and sort on request. */
    private static final class PythonWorker implements AutoCloseable {

        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;
        final JsonNode versions;
        JsonNode lastCompute;

        PythonWorker(Path reference, Path current) throws IOException {
            process = new ProcessBuilder("python3", "bench/drift_bench.py", "worker", reference.toString(), current.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            versions = JSON.readTree(out.readLine());
        }

        double compute() {
            JsonNode answer = ask("compute");
            lastCompute = answer.get("features");
            return answer.get("seconds").asDouble();
        }

        double sortSeconds() {
            return ask("sort").get("seconds").asDouble();
        }

        private JsonNode ask(String command) {
            in.println(command);
            try {
                return JSON.readTree(out.readLine());
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }

        @Override
        public void close() throws InterruptedException {
            in.println("quit");
            process.waitFor();
        }
    }

    /** The largest relative differences seen between the two sides. */
    private static final class Agreement {

        double psi;
        double d;
        double p;
        int comparisons;

        void check(JsonNode java, JsonNode python) {
            for (int f = 0; f < FEATURES; f++) {
                psi = Math.max(psi, relative(java.get(f).get("psi").asDouble(), python.get(f).get("psi").asDouble()));
                d = Math.max(d, relative(java.get(f).get("ks_statistic").asDouble(), python.get(f).get("ks_statistic").asDouble()));
                p = Math.max(p, relative(java.get(f).get("ks_pvalue").asDouble(), python.get(f).get("ks_pvalue").asDouble()));
            }
            comparisons++;
        }

        boolean passed() {
            return psi <= 1e-9 && d <= 1e-9 && p <= 1e-6;
        }

        private static double relative(double x, double y) {
            return x == y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
        }
    }

    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException unreadable) {
            return Double.NaN;
        }
    }

    private static double medianOf(int times, DoubleSupplier measure) {
        double[] values = new double[times];
        for (int i = 0; i < times; i++) {
            values[i] = measure.getAsDouble();
        }
        return median(values);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
