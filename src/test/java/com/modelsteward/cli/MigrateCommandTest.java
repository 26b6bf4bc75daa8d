package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.governance.Principals;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryTable;
import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.TableDump;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} from a real registry file to a real PostgreSQL server: the copy is the file row for row and verifies
 * there; every refusal leaves the server as it was; the team goes on working on the server afterwards.
 */
@Tag("postgresql")
class MigrateCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PostgresServer server = PostgresServer.get();
    private final String database = server.freshDatabase();
    private final String owner = server.superuserUrl(database);
    /** The owner's address as messages show it (never with a password, which an external server's address carries). */
    private final String ownerShown = com.modelsteward.registry.Location.parse(owner).toString();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    /** The refusal: the last line on standard error (progress lines of a large table come before it). */
    private String refusal() {
        List<String> lines = cli.err().strip().lines().toList();
        return lines.getLast();
    }

    /** The demo registry as a closed file, as a team would hand it over. */
    private Path demoFile() {
        TestRegistries.demo(dir).close();
        return dir.resolve("demo.db");
    }

    private Registry openServer() {
        return Registry.open(Location.parse(owner));
    }

    private Registry openServerAs(String login) {
        return Registry.open(((Location.Server) Location.parse(server.url(login, database))).as(login, PostgresServer.passwordOf(login)));
    }

    private static Map<String, Integer> rowCounts(Registry registry) {
        return TableDump.counts(registry);
    }

    private static long highestScorecard(Registry registry) {
        return registry.readHandle(h -> h.createQuery("SELECT max(scorecard_id) FROM scorecards").mapTo(Long.class).one());
    }

    private static void assertEmpty(Map<String, Integer> counts) {
        counts.forEach((table, rows) -> assertEquals(0, rows, table + " holds rows"));
    }

    @Test
    void whatToCopyWhereIsCheckedBeforeAnythingIsOpened() {
        assertEquals(0, run("help"));
        assertTrue(cli.out().contains("  migrate "), cli.out());
        Path file = dir.resolve("team.db");
        assertEquals(2, run("migrate", "--from", file.toString()));
        assertEquals("E_USAGE: --to is required", cli.err().strip());
        assertEquals(2, run("migrate", "--from", file.toString(), "--to", dir.resolve("copy.db").toString()));
        assertTrue(cli.err().startsWith("E_USAGE: --to names the PostgreSQL registry to fill"), cli.err());
        assertEquals(2, run("migrate", "--from", owner, "--to", owner));
        assertTrue(cli.err().startsWith("E_USAGE: --from names the registry file to copy, not a server"), cli.err());
        assertEquals(2, run("migrate", "--db", file.toString(), "--from", file.toString(), "--to", owner));
        assertEquals(2, run("init", "--schema-only", "--db", file.toString()));
        assertTrue(cli.err().startsWith("E_USAGE: --schema-only makes a server registry"), cli.err());
        assertEquals(1, run("migrate", "--from", file.toString(), "--to", owner));
        assertTrue(cli.err().startsWith("E_REGISTRY_MISSING: " + file + " does not exist"), cli.err());
        assertFalse(Files.exists(file), "a missing file is not created");
    }

    @Test
    void theDemoArrivesRowForRowAndVerifiesOnTheServer() throws Exception {
        Path file = demoFile();
        byte[] before = Files.readAllBytes(file);
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());
        assertTrue(cli.out().contains("with no principal"), cli.out());

        assertEquals(0, run("migrate", "--from", file.toString(), "--to", owner, "--json"), cli.err());
        JsonNode result = CanonicalJson.mapper().readTree(cli.out());

        try (Registry source = Registry.openReadOnly(new Location.File(file)); Registry copy = openServer()) {
            Map<String, List<List<String>>> expected = TableDump.of(source);
            Map<String, List<List<String>>> actual = TableDump.of(copy);
            assertEquals("", TableDump.firstDifference(expected, actual), "every table row for row");
            for (String table : expected.keySet()) {
                if (!RegistryTable.DERIVED.contains(table)) {
                    assertEquals(expected.get(table).size(), result.get("tables").get(table).asInt(), table + " as reported");
                }
            }
            assertTrue(expected.get("audit_log").size() > 100 && expected.get("scorecards").size() > 1_000
                    && expected.get("drift_samples").size() > 10_000, "the demo is not a toy: " + TableDump.counts(source));

            AuditTrail.Verification fileChain = AuditTrail.verify(source);
            AuditTrail.Verification serverChain = AuditTrail.verify(copy);
            assertTrue(serverChain.ok(), serverChain.problem());
            assertEquals(fileChain.checked(), serverChain.checked());
            SignatureAudit.Report fileSignatures = SignatureAudit.verify(source);
            SignatureAudit.Report serverSignatures = SignatureAudit.verify(copy);
            assertEquals(List.of(), serverSignatures.problems());
            assertEquals(fileSignatures.rootFingerprint(), serverSignatures.rootFingerprint());
            assertEquals(List.of(fileSignatures.keysChecked(), fileSignatures.decisionsChecked(), fileSignatures.headsChecked()),
                    List.of(serverSignatures.keysChecked(), serverSignatures.decisionsChecked(), serverSignatures.headsChecked()));
            assertTrue(serverSignatures.decisionsChecked() > 0 && serverSignatures.headsChecked() > 0, "signatures were checked");

            JsonNode verification = result.get("verification");
            assertTrue(verification.get("audit_chain_ok").asBoolean() && verification.get("signatures_ok").asBoolean());
            assertEquals(serverChain.checked(), verification.get("audit_entries").asLong());
            assertEquals(serverSignatures.decisionsChecked(), verification.get("decisions").asInt());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the file is only read");
        assertFalse(Files.exists(Path.of(file + "-wal")) || Files.exists(Path.of(file + "-shm")), "no side files left beside it");
    }

    /**
     * A server registry of schema 8 gets its {@code audit_mentions} when the app next opens it as the owner: the
     * backfill of V009 gives the rows the trigger gave entry by entry during the copy.
     */
    @Test
    void aServerRegistryOfSchema8IsGivenTheMentionsOfItsWholeLog() throws Exception {
        Path file = demoFile();
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());
        assertEquals(0, run("migrate", "--from", file.toString(), "--to", owner), cli.err());
        List<List<String>> copied;
        try (Registry copy = openServer()) {
            copied = TableDump.of(copy).get("audit_mentions");
        }
        try (Connection raw = server.superConnection(database); Statement sql = raw.createStatement()) {
            sql.execute("DROP TABLE steward.audit_mentions CASCADE");
            sql.execute("DROP FUNCTION steward.audit_log_mentions() CASCADE");
            sql.execute("DROP FUNCTION steward.audit_mentions_append_only() CASCADE");
            sql.execute("DROP FUNCTION steward.json_strings(text)");
            sql.execute("DELETE FROM steward.schema_version WHERE version >= 9");
        }
        try (Registry reopened = openServer()) {
            assertTrue(reopened.schemaVersion() >= 9);
            assertEquals(copied, TableDump.of(reopened).get("audit_mentions"));
            assertTrue(copied.size() > 100, "the demo's entries name versions: " + copied.size());
        }
    }

    @Test
    void aServerThatHoldsRowsIsRefusedAndKeepsThem() {
        Path file = demoFile();
        assertEquals(0, run("init", "--db", owner), cli.err());
        Map<String, Integer> before;
        try (Registry registry = openServer()) {
            before = rowCounts(registry);
        }
        assertTrue(before.get("principals") == 1 && before.get("audit_log") > 0, before.toString());

        assertEquals(1, run("migrate", "--from", file.toString(), "--to", owner));
        String refusal = refusal();
        assertTrue(refusal.startsWith("E_MIGRATE_NOT_EMPTY: " + ownerShown + " already holds rows (principals 1, audit_log "), refusal);
        assertTrue(refusal.contains("init --schema-only") && refusal.endsWith("nothing was copied"), refusal);
        assertEquals(1, cli.err().strip().lines().count(), "one line: " + cli.err());
        try (Registry registry = openServer()) {
            assertEquals(before, rowCounts(registry));
        }
    }

    @Test
    void aDatabaseWithoutTheSchemaIsToldToRunInit() throws Exception {
        Path file = demoFile();
        assertEquals(1, run("migrate", "--from", file.toString(), "--to", owner));
        String refusal = refusal();
        assertTrue(refusal.startsWith("E_MIGRATE_NO_SCHEMA: " + ownerShown + " has no registry yet"), refusal);
        assertTrue(refusal.contains("`init --schema-only --db " + ownerShown + "`") && refusal.contains("init --print-sql"), refusal);
        try (Connection connection = server.superConnection(database); Statement statement = connection.createStatement();
             ResultSet schema = statement.executeQuery("SELECT to_regnamespace('steward') IS NULL")) {
            schema.next();
            assertTrue(schema.getBoolean(1), "nothing was created");
        }
    }

    @Test
    void aLoginThatIsNotTheOwnerIsRefused() {
        Path file = demoFile();
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());
        server.createLogin("mig.admin", "steward_admin");
        server.createLogin("mig.auditor", "steward_auditor");
        for (String login : List.of("mig.admin", "mig.auditor")) {
            String address = "postgresql://" + login + ":" + PostgresServer.passwordOf(login) + "@" + server.host() + ":" + server.port()
                    + "/" + database;
            assertEquals(1, run("migrate", "--from", file.toString(), "--to", address), login);
            String refusal = refusal();
            assertTrue(refusal.startsWith("E_MIGRATE_NOT_OWNER: " + server.url(login, database) + ": " + login
                    + " is not the registry's owner"), refusal);
            assertTrue(refusal.contains("superuser or a member of steward_owner"), refusal);
            assertFalse(refusal.contains(PostgresServer.passwordOf(login)), "the password is never shown");
        }
        try (Registry registry = openServer()) {
            assertEmpty(rowCounts(registry));
        }
    }

    @Test
    void aRowTheServerRefusesInTheMiddleLeavesItEmpty() {
        Path file = demoFile();
        try (Registry registry = Registry.open(file)) {
            // SQLite keeps a NUL inside text; PostgreSQL's text cannot hold one. drift_samples is copied after versions,
            // scorecards, requests, approvals and the audit log, so the refusal comes with most of the copy done.
            registry.writeHandle(h -> h.createUpdate("""
                            INSERT INTO drift_samples (model_id, feature, role, value, observed_at)
                            VALUES ('momentum_xgb-3.1.0', :feature, 'CURRENT', 0.5, '2026-11-01T00:00:00.000Z')""")
                    .bind("feature", "ret_1d\u0000injected").execute());
        }
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());

        assertEquals(1, run("migrate", "--from", file.toString(), "--to", owner));
        String refusal = refusal();
        assertTrue(refusal.startsWith("E_MIGRATE_REFUSED: " + ownerShown + " refused a row of drift_samples (sample_id "), refusal);
        assertTrue(refusal.endsWith("the copy was rolled back and the server holds none of it"), refusal);
        assertFalse(refusal.contains("Exception"), refusal);
        List<String> progress = cli.err().strip().lines().toList();
        assertTrue(progress.subList(0, progress.size() - 1).stream().allMatch(line -> line.startsWith("copied scorecards: ")),
                "the large tables' progress before it, then the refusal on a line of its own: " + cli.err());
        try (Registry registry = openServer()) {
            assertEmpty(rowCounts(registry));
        }
    }

    @Test
    void aValueTheServerCannotHoldIsNamedBeforeAnythingIsCopied() {
        Path file = demoFile();
        long scorecardId;
        try (Registry registry = Registry.open(file)) {
            // The pipeline writes with plain SQL, and SQLite's REAL column takes text it cannot read as a number.
            scorecardId = registry.writeHandle(h -> h.createUpdate("""
                            INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
                            VALUES ('momentum_xgb-3.1.0', 'bench_core_v1', 'sharpe', 'n/a', '2026-11-01T00:00:00.000Z', 'pipeline')""")
                    .executeAndReturnGeneratedKeys("scorecard_id").mapTo(Long.class).one());
        }
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());

        assertEquals(1, run("migrate", "--from", file.toString(), "--to", owner));
        assertEquals(1, cli.err().strip().lines().count(), "nothing was copied, so no progress was shown");
        assertEquals("E_MIGRATE_SOURCE: " + file + ": the scorecards row with scorecard_id " + scorecardId
                + " holds the text \"n/a\" in value, a REAL column, which the server cannot store; correct that row in the file (it was "
                + "written behind the app's back), then migrate again; nothing was copied", cli.err().strip());
        try (Registry registry = openServer()) {
            assertEmpty(rowCounts(registry));
        }
    }

    @Test
    void theTeamGoesOnWorkingOnTheServer() {
        Path file = demoFile();
        assertEquals(0, run("init", "--schema-only", "--db", owner), cli.err());
        // The owner need not be a superuser: a member of steward_owner, as a DBA would hand the migration to.
        server.createLogin("mig.owner", "steward_owner");
        String migrator = "postgresql://mig.owner:" + PostgresServer.passwordOf("mig.owner") + "@" + server.host() + ":" + server.port()
                + "/" + database;
        assertEquals(0, run("migrate", "--from", file.toString(), "--to", migrator), cli.err());
        String shown = server.url("mig.owner", database);
        assertTrue(cli.out().startsWith("Copied " + file + " to " + shown + " in "), cli.out());
        assertTrue(cli.out().contains("Verified at " + shown + " before the commit: the audit chain's "), cli.out());
        assertTrue(cli.err().startsWith("copied drift_samples: 121500 rows (") && cli.err().contains("verifying the copy before it commits"),
                "a large table's progress on standard error: " + cli.err());
        long highestScorecard;
        try (Registry source = Registry.openReadOnly(new Location.File(file))) {
            highestScorecard = highestScorecard(source);
        }

        // The demo's people, each now a login in the group of their role.
        server.createLogin("rachel.okafor", "steward_risk_officer");
        server.createLogin("alice.nguyen", "steward_analyst");
        server.createLogin("bob.keller", "steward_analyst");
        server.createLogin("pipe.writer", "steward_pipeline");
        Clock clock = Clock.fixed(TestRegistries.ANCHOR.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (Registry rachel = openServerAs("rachel.okafor"); Registry alice = openServerAs("alice.nguyen")) {
            // A request made on the file, approved on the server.
            TransitionRequestRow waiting = new ModelCatalog(rachel).requests(Optional.of("PENDING")).stream()
                    .filter(r -> r.modelName().equals("momentum_xgb")).findFirst().orElseThrow();
            Identity officer = Principals.resolve(rachel, "os.user", Optional.empty());
            assertEquals("rachel.okafor", officer.user());
            new GovernanceEngine(rachel, PolicyLoader.builtIn(Map.of()), clock).approve(officer, waiting.requestId(), "Reviewed on the server.");
            assertEquals("ACTIVE", alice.read(store -> store.versions().find(waiting.modelId()).orElseThrow().state()));

            // A new version registered and scored on the server: ids continue after the copied ones.
            Identity analyst = Principals.resolve(alice, "os.user", Optional.empty());
            GovernanceEngine engine = new GovernanceEngine(alice, PolicyLoader.builtIn(Map.of()), clock);
            String config = CanonicalJson.write(Map.of("lr", 0.05));
            engine.register(analyst, new InputFiles.NewVersion("momentum_xgb-9.0.0", "momentum_xgb", "signal_model", "9.0.0", null,
                    "models/momentum_xgb/9.0.0", config, CanonicalJson.sha256Hex(config), "s3://data/m/9", "b".repeat(64), null, null));
            engine.importScorecards(analyst, List.of(
                    new InputFiles.ScorecardValue("momentum_xgb-9.0.0", "bench_core_v1", "sharpe", 2.5, "2026-11-01T13:00:00.000Z", "test", 1),
                    new InputFiles.ScorecardValue("momentum_xgb-9.0.0", "bench_core_v1", "max_drawdown", 0.1, "2026-11-01T13:00:00.000Z", "test", 2),
                    new InputFiles.ScorecardValue("momentum_xgb-9.0.0", "bench_core_v1", "error_rate", 0.001, "2026-11-01T13:00:00.000Z", "test", 3)));
            assertEquals(highestScorecard + 3, highestScorecard(alice), "the server's next scorecards follow the copied ones");
            String request = engine.request(analyst, "momentum_xgb-9.0.0", "SHADOW", "Retrained on the server.").requestId();
            assertFalse(request.isBlank());
        }
        try (Connection pipeline = server.connectAs("pipe.writer", database); Statement statement = pipeline.createStatement();
             ResultSet id = statement.executeQuery("""
                     INSERT INTO steward.scorecards (model_id, pack_id, metric, value)
                     VALUES ('momentum_xgb-9.0.0', 'bench_core_v1', 'max_drawdown', 0.1) RETURNING scorecard_id""")) {
            id.next();
            assertEquals(highestScorecard + 4, id.getLong(1), "and the pipeline's after them");
        } catch (java.sql.SQLException failed) {
            throw new AssertionError(failed);
        }
        try (Registry registry = openServer()) {
            AuditTrail.Verification chain = AuditTrail.verify(registry);
            assertTrue(chain.ok(), chain.problem());
            assertEquals(List.of(), SignatureAudit.verify(registry).problems());
        }
    }
}
