package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, "a type the policy does not know has no gates": the command line refuses it at registration, in one sentence. */
class DefaultDenyCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), "ines");
        return new Cli(context).execute(args);
    }

    @Test
    void registeringAHyphenatedTypeIsRefusedNamingTheTypesThePolicyKnows() throws Exception {
        Path db = dir.resolve("real.db");
        assertEquals(0, run("init", "--db", db.toString()), err.toString());
        assertEquals(0, run("principal", "add", "--db", db.toString(), "--user", "ines", "--role", "ANALYST"), err.toString());
        Path model = dir.resolve("model.json");
        Files.writeString(model, """
                {"model_name": "sig", "version": "1", "model_type": "signal-model", "path_ref": "models/sig/1",
                 "training_config": {"lr": 0.05}, "data_snapshot_ref": "s3://data/sig/1",
                 "data_snapshot_hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
                """);
        assertEquals(1, run("register", "--db", db.toString(), "--file", model.toString()));
        String refusal = err.toString(StandardCharsets.UTF_8);
        assertTrue(refusal.startsWith("E_INVALID_INPUT: " + model + ": model_type \"signal-model\" is not named by policy l3-12, which names embed_model, "
                + "prompt_pack, signal_model, workflow_schema"), refusal);
        assertEquals(1, refusal.strip().lines().count(), "one line, no stack trace: " + refusal);
        assertEquals(0, run("status", "--db", db.toString(), "--json"), err.toString());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("CANDIDATE"), "nothing was registered: " + out.toString(StandardCharsets.UTF_8));
    }
}
