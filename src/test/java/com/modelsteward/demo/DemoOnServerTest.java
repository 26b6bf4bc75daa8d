package com.modelsteward.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryTable;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The demo built on a real PostgreSQL server by its owner: the same registry the file demo is, and the console sees the same. */
@Tag("postgresql")
class DemoOnServerTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PostgresServer server = PostgresServer.get();

    private DemoGenerator generator() {
        return new DemoGenerator(DemoGenerator.DEFAULT_SEED, TestRegistries.ANCHOR, TestRegistries.OPERATOR);
    }

    @Test
    void theOverviewOnAServerShowsWhatItShowsOnTheFile() throws Exception {
        Files.createDirectories(dir.resolve("file"));
        Files.createDirectories(dir.resolve("server"));
        String database = server.freshDatabase();
        try (Registry file = generator().createWithDriftRun(new Location.File(dir.resolve("file/demo.db")));
             Registry onServer = generator().createWithDriftRun(Location.parse(server.superuserUrl(database)), dir.resolve("server"))) {
            ModelCatalog fileCatalog = new ModelCatalog(file);
            ModelCatalog serverCatalog = new ModelCatalog(onServer);
            assertEquals(fileCatalog.versions(), serverCatalog.versions());
            assertEquals(fileCatalog.countsByState(), serverCatalog.countsByState());
            assertEquals(fileCatalog.requests(Optional.empty()), serverCatalog.requests(Optional.empty()));
            assertEquals(fileCatalog.pendingRequestCount(), serverCatalog.pendingRequestCount());
            assertEquals(fileCatalog.auditEntries(10_000), serverCatalog.auditEntries(10_000));
            assertEquals(fileCatalog.recentEvents(50), serverCatalog.recentEvents(50));
            assertEquals(fileCatalog.latestDrift(), serverCatalog.latestDrift());
            assertEquals(fileCatalog.driftAlertCount("ACTIVE"), serverCatalog.driftAlertCount("ACTIVE"));
            assertTrue(serverCatalog.pendingRequestCount() > 0 && serverCatalog.driftAlertCount("ACTIVE") > 0
                    && !serverCatalog.recentEvents(50).isEmpty(), "the Overview has something to show");

            // Not only what the Overview asks: the server holds the file's every row, and its history verifies the same.
            // principals.created_at is the wall clock's when the generator ran (the demo's history has its own times).
            java.util.Set<String> generatedAt = java.util.Set.of("principals.created_at");
            assertEquals("", TableDump.firstDifference(TableDump.of(file, generatedAt), TableDump.of(onServer, generatedAt)));
            AuditTrail.Verification chain = AuditTrail.verify(onServer);
            assertTrue(chain.ok(), chain.problem());
            assertEquals(AuditTrail.verify(file).checked(), chain.checked());
            SignatureAudit.Report signatures = SignatureAudit.verify(onServer);
            assertEquals(List.of(), signatures.problems());
            assertEquals(SignatureAudit.verify(file).rootFingerprint(), signatures.rootFingerprint());
        }
        assertEquals(Files.readString(dir.resolve("file/models/momentum_xgb/3.1.0/model.bin")),
                Files.readString(dir.resolve("server/models/momentum_xgb/3.1.0/model.bin")), "the artifacts go where they were asked to");
    }

    @Test
    void theDemoCommandBuildsItOnAServerAsItsOwner() {
        String url = server.superuserUrl(server.freshDatabase());
        assertEquals(0, cli.run("os.account", "demo", "--db", url, "--artifacts", dir.toString()), cli.err());
        assertTrue(cli.out().startsWith("Created demo registry " + Location.parse(url) + " with 63 model versions"), cli.out());
        assertTrue(cli.out().contains("Its artifact files are in " + dir.resolve("models")), cli.out());
        assertTrue(Files.isRegularFile(dir.resolve("models/momentum_xgb/3.1.0/model.bin")));
        try (Registry registry = Registry.open(Location.parse(url))) {
            assertTrue(AuditTrail.verify(registry).ok());
            assertEquals(List.of(), SignatureAudit.verify(registry).problems());
            // On a server the demo's "you" is the login that built it, who is who acts there.
            assertEquals("ANALYST,RISK_OFFICER,ADMIN", registry.read(store -> store.catalog().rolesOf(server.superuser())));
            assertEquals("", registry.read(store -> store.catalog().rolesOf("os.account")));
        }
    }

    @Test
    void aLoginThatIsNotTheOwnerGetsOneSentenceAndNothingIsMade() throws Exception {
        String database = server.freshDatabase();
        server.createLogin("demo.analyst", "steward_analyst");
        String url = "postgresql://demo.analyst:" + PostgresServer.passwordOf("demo.analyst") + "@" + server.host() + ":" + server.port()
                + "/" + database;
        assertEquals(1, cli.run("os.account", "demo", "--db", url, "--artifacts", dir.toString()));
        String refusal = cli.err().strip();
        assertTrue(refusal.startsWith("E_PRIVILEGE: " + server.url("demo.analyst", database) + ": demo.analyst may not"), refusal);
        assertEquals(1, refusal.lines().count(), refusal);
        try (Connection connection = server.superConnection(database); Statement statement = connection.createStatement();
             ResultSet schema = statement.executeQuery("SELECT to_regnamespace('steward') IS NULL")) {
            schema.next();
            assertTrue(schema.getBoolean(1), "no schema was left behind");
        }
    }

    @Test
    void aScaleRegistryIsBuiltOnAServerToo() {
        String url = server.superuserUrl(server.freshDatabase());
        assertEquals(0, cli.run("os.account", "demo", "--versions", "2000", "--db", url), cli.err());
        assertTrue(cli.out().startsWith("Created demo registry " + Location.parse(url) + " with 2000 model versions"), cli.out());
        try (Registry registry = Registry.open(Location.parse(url))) {
            AuditTrail.Verification chain = AuditTrail.verify(registry);
            assertTrue(chain.ok(), chain.problem());
            assertEquals(List.of(), SignatureAudit.verify(registry).problems());
            assertEquals(40_000L, (long) registry.read(store -> store.copy().count(RegistryTable.SCORECARDS)), "20 scorecard rows per version");
        }
    }
}
