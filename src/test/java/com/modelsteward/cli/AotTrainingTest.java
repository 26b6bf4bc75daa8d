package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launchers' AOT training runs (the pom's package profile, ADR 6) work from the build: a failing command
 * there would fail only the packaging, after the whole test suite.
 */
class AotTrainingTest {

    @Test
    void theCommandLineTrainingRunsTheCardADriftADecisionAndTheReadsOnTheDemoRegistry(@TempDir Path folder) throws Exception {
        assertEquals(0, Cli.makeTrainingRegistry(folder));

        assertEquals(0, Cli.trainCommandLine(folder));

        assertTrue(Files.readString(folder.resolve("training-cli-card.html")).contains("momentum_xgb"));
        assertEquals("f0,f1,f2,f3,f4,f5", Files.readAllLines(folder.resolve("training-current.csv")).getFirst());
        try (var lines = Files.lines(folder.resolve("training-reference.csv"))) {
            assertEquals(200_001, lines.count());
        }
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("training.db"));
             var rows = connection.createStatement().executeQuery("SELECT state FROM model_registry WHERE model_id = 'mean_reversion_lgbm-2.3.0'")) {
            assertTrue(rows.next());
            assertEquals("RETIRED", rows.getString(1), "the training's request was approved and executed");
        }
    }
}
