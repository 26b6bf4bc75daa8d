package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.modelsteward.drift.DriftException;
import com.modelsteward.drift.SampleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutants of a valid Parquet samples file (the DuckDB golden file, snappy, nulls and several row groups): cut at every
 * kind of place, and with bytes flipped in the header, the pages and the footer. Each must be read or refused with
 * E_DRIFT_PARQUET naming the file, within a few seconds: never another exception, never a hang. The seed is fixed
 * and printed with a failure so that a mutant can be replayed; the tries are bounded in count and time.
 */
@Tag("fuzz")
class ParquetReaderFuzzTest {

    private static final long SEED = 0x5eed_2026L;
    private static final int TRIES = 300;
    private static final Duration BUDGET = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void truncationsAndByteFlipsGiveASentenceNeverAnExceptionOrAHang() throws IOException {
        byte[] valid;
        try (InputStream in = ParquetReaderFuzzTest.class.getResourceAsStream("/drift/columnar/current.snappy.parquet")) {
            valid = in.readAllBytes();
        }
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int read = 0;
        int refused = 0;
        for (int t = 0; t < TRIES && System.nanoTime() < deadline; t++) {
            byte[] mutant = mutate(valid, random, t);
            Path file = Files.write(dir.resolve("mutant-" + t + ".parquet"), mutant);
            int attempt = t;
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    Map<String, double[]> columns = SampleFiles.read(file);
                    return columns;
                } catch (DriftException refusal) {
                    return refusal;
                } catch (Throwable escaped) {
                    return fail("mutant " + attempt + " (seed " + SEED + ") let " + escaped + " escape", escaped);
                }
            }, () -> "mutant " + attempt + " (seed " + SEED + ") hung");
            if (outcome instanceof DriftException refusal) {
                assertTrue(refusal.code().equals("E_DRIFT_PARQUET") && refusal.getMessage().startsWith(file.toString())
                        && !refusal.getMessage().contains("\n"), "mutant " + attempt + ": " + refusal.code() + " " + refusal.getMessage());
                refused++;
            } else {
                read++;
            }
        }
        assertTrue(refused > 0 && read + refused >= 50, "too few mutants tried in the budget: " + read + " read, " + refused + " refused");
    }

    /** A third cut short, the rest with one to eight bytes set to random values, biased toward the footer. */
    private static byte[] mutate(byte[] valid, Random random, int t) {
        if (t % 3 == 0) {
            int length = random.nextBoolean() ? random.nextInt(valid.length) : valid.length - 1 - random.nextInt(Math.min(valid.length - 1, 4096));
            return Arrays.copyOf(valid, Math.max(length, 4));
        }
        byte[] mutant = valid.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(4) == 0 ? 4 + random.nextInt(mutant.length - 8)
                    : mutant.length - 8 - random.nextInt(Math.min(mutant.length - 8, 2048));
            mutant[at] = (byte) random.nextInt(256);
        }
        return mutant;
    }
}
