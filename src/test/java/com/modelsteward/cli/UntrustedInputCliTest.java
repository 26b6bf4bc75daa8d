package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, "nothing changed silently", through the command line: a refused register or import leaves the registry
 * file byte-for-byte as it was; a path_ref that leads out of the artifact root is never opened by model-card; a name
 * stored before the name rules reaches the terminal escaped.
 */
class UntrustedInputCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private boolean terminal;

    private int run(String... args) {
        out.reset();
        err.reset();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliContext context = terminal ? new CliContext(new TerminalOutput(stdout, false), new TerminalOutput(stderr, true), Clock.systemUTC(), "ines")
                : new CliContext(stdout, stderr, Clock.systemUTC(), "ines");
        return new Cli(context).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path registry() {
        Path db = dir.resolve("registry.db");
        assertEquals(0, run("init", "--db", db.toString()), err());
        assertEquals(0, run("principal", "add", "--db", db.toString(), "--user", "ines", "--role", "ANALYST"), err());
        return db;
    }

    private static String sha256(Path file) throws Exception {
        return CanonicalJson.sha256Hex(Files.readAllBytes(file));
    }

    /** The registry file and, when one is left, its write-ahead log, where a write could sit unseen in the main file. */
    private static String registryBytes(Path db) throws Exception {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        return sha256(db) + (Files.exists(wal) ? "+" + sha256(wal) : "");
    }

    /** The files of bad-input/{@code folder} that expected.txt says are refused. */
    private static List<Path> corpus(String folder) throws Exception {
        Path corpus = Path.of(UntrustedInputCliTest.class.getResource("/bad-input").toURI());
        List<String> accepted = Files.readAllLines(corpus.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.endsWith(" | OK")).map(line -> line.substring(0, line.indexOf(" | "))).toList();
        try (Stream<Path> files = Files.list(corpus.resolve(folder))) {
            return files.filter(file -> !accepted.contains(folder + "/" + file.getFileName())).sorted().toList();
        }
    }

    @Test
    void everyRefusedRegisterOrImportLeavesTheRegistryFileByteForByteUnchanged() throws Exception {
        Path db = registry();
        Path model = Files.writeString(dir.resolve("model.json"), """
                {"model_name": "sig", "version": "1", "model_type": "signal_model", "path_ref": "models/sig/1",
                 "training_config": {"learning_rate": 0.0001}, "data_snapshot_ref": "s3://data/sig/1",
                 "data_snapshot_hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
                """);
        assertEquals(0, run("register", "--db", db.toString(), "--file", model.toString()), err());
        // The models the scorecard corpus names, so its files are refused for their own faults.
        try (Registry registry = Registry.open(db)) {
            registry.writeHandle(h -> h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES "
                    + "('m-1.0.0', 'm', 'signal_model', '1.0.0'), ('m-1', 'm', 'signal_model', '1')"));
        }
        String before = registryBytes(db);
        List<String> changed = new ArrayList<>();
        int refused = 0;
        List<String[]> attempts = new ArrayList<>();
        for (Path file : corpus("model")) {
            attempts.add(new String[] {"register", "--db", db.toString(), "--file", file.toString()});
        }
        for (Path file : corpus("scorecards")) {
            attempts.add(new String[] {"scorecards", "import", "--db", db.toString(), "--file", file.toString()});
        }
        for (Path file : corpus("csv")) {
            attempts.add(new String[] {"scorecards", "import-csv", "--db", db.toString(), "--file", file.toString()});
        }
        attempts.add(new String[] {"register", "--db", db.toString(), "--file", model.toString()});
        // Too big to keep in git: a sparse scorecards file over its cap, and a model file of 500 000 configuration keys.
        Path huge = dir.resolve("huge-scorecards.json");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1024L * 1024 * 1024 + 1);
        }
        attempts.add(new String[] {"scorecards", "import", "--db", db.toString(), "--file", huge.toString()});
        Path wide = dir.resolve("many-keys.json");
        try (var out = Files.newBufferedWriter(wide)) {
            out.write("{\"model_name\": \"wide\", \"version\": \"1\", \"training_config\": {");
            for (int i = 0; i < 500_000; i++) {
                out.write((i == 0 ? "" : ",") + "\"k" + i + "\":" + i);
            }
            out.write("}}");
        }
        attempts.add(new String[] {"register", "--db", db.toString(), "--file", wide.toString()});
        for (String[] attempt : attempts) {
            assertEquals(1, run(attempt), String.join(" ", attempt) + " was accepted");
            refused++;
            // One refusal (a CSV import lists each bad row under it), never a stack trace.
            List<String> errors = err().lines().filter(line -> line.startsWith("E_")).toList();
            assertEquals(1, errors.size(), "one refusal: " + err());
            assertFalse(err().contains("\tat ") || err().contains("Exception"), "no stack trace: " + err());
            assertFalse(errors.getFirst().contains("is not a registered version"), "refused for the corpus file's own fault: " + err());
            if (!registryBytes(db).equals(before)) {
                changed.add(attempt[attempt.length - 1]);
            }
        }
        assertEquals(List.of(), changed, "refused inputs that changed the registry file");
        assertEquals(1, run("scorecards", "import", "--db", db.toString(), "--file", huge.toString()));
        assertEquals("E_INVALID_INPUT: " + huge + " is larger than 1 GB, the most a scorecards file may hold; nothing was read",
                err().lines().filter(line -> line.startsWith("E_")).findFirst().orElse(err()));
        assertTrue(refused >= 40, "refusals tried: " + refused);
    }

    /** The refusal of a well-formed file comes from the registry, but it is still the file's fault: it names the file. */
    @Test
    void aRefusalByTheRegistryNamesTheFile() throws Exception {
        Path db = registry();
        Path model = Files.writeString(dir.resolve("model.json"), """
                {"model_id": "sig-1", "model_name": "sig", "version": "1", "model_type": "signal_model", "path_ref": "models/sig/1",
                 "training_config": {"lr": 0.05}, "data_snapshot_ref": "s3://data/sig/1",
                 "data_snapshot_hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
                """);
        assertEquals(0, run("register", "--db", db.toString(), "--file", model.toString()), err());
        assertEquals(1, run("register", "--db", db.toString(), "--file", model.toString()));
        assertEquals("E_INVALID_INPUT: " + model + ": a version with model_id sig-1 is already registered; nothing was registered", err().strip());
    }

    /** The case: a path_ref of ../../../../etc/shadow, written into the registry with plain SQL as the pipeline may. */
    @Test
    void modelCardNeverOpensAPathRefOutsideTheArtifactRoot() throws Exception {
        Path db = registry();
        Path secret = Files.writeString(dir.resolveSibling(dir.getFileName() + "-shadow"), "root:$6$secret:19000:0:99999:7:::\n");
        try {
            String secretHash = sha256(secret);
            try (Registry registry = Registry.open(db)) {
                registry.writeHandle(h -> h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version, path_ref) "
                        + "VALUES ('evil-1', 'evil', 'signal_model', '1', ?)", "../" + secret.getFileName()));
            }
            Path card = dir.resolve("card.html");
            assertEquals(0, run("model-card", "--db", db.toString(), "--model", "evil-1", "--out", card.toString(), "--json"), err());
            JsonNode result = CanonicalJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals("OUTSIDE_ROOT", result.get("artifact").asText());
            String html = Files.readString(card);
            assertFalse(html.contains(secretHash), "the card shows the hash of a file outside the artifact root");
            assertTrue(html.contains("steps out of its folder"), "the card says why the artifact was not read");
            // Chosen explicitly, a root that holds the file lets it be read.
            assertEquals(0, run("model-card", "--db", db.toString(), "--model", "evil-1", "--out", card.toString(), "--json",
                    "--artifact-root", dir.getParent().toString()), err());
            assertEquals("OUTSIDE_ROOT", CanonicalJson.mapper().readTree(out.toString(StandardCharsets.UTF_8)).get("artifact").asText(),
                    "a .. segment is refused whatever the root");
        } finally {
            Files.delete(secret);
        }
    }

    /** A name stored before the rules (or by plain SQL) cannot recolour or reverse the terminal: it is printed escaped. */
    @Test
    void controlAndBidiCharactersInStoredNamesAreEscapedOnTheTerminal() throws Exception {
        Path db = registry();
        try (Registry registry = Registry.open(db)) {
            registry.writeHandle(h -> h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) "
                    + "VALUES (?, ?, 'signal_model', '1')", "evil\u001b[2J\u202e-1", "evil\u001b[2J\u202e"));
        }
        terminal = true;
        assertEquals(0, run("status", "--db", db.toString(), "--model", "evil\u001b[2J\u202e-1"), err());
        String shown = out.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("evil\\u001B[2J\\u202E-1"), shown);
        assertFalse(shown.contains("\u001b") || shown.contains("\u202e"), shown);
        assertEquals(0, run("status", "--db", db.toString(), "--model", "evil\u001b[2J\u202e-1", "--json"), err());
        String json = out.toString(StandardCharsets.UTF_8);
        assertFalse(json.contains("\u001b") || json.contains("\u202e"), json);
        assertTrue(CanonicalJson.mapper().readTree(json).toString().contains("evil\\u001B[2J\u202E-1"),
                "the JSON still holds the stored name: " + json);
    }
}
