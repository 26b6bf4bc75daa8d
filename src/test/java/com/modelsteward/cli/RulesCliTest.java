package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four eyes on the rules from the command line, on a real registry with enrolled keys: one ADMIN proposes, another
 * decides; the proposer, a risk officer and a model-request id are refused with one line {@code CODE: sentence} and exit 1.
 */
class RulesCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();
    private String db;

    private int run(String user, String... args) {
        String[] withDb = new String[args.length + 2];
        System.arraycopy(args, 0, withDb, 0, args.length);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = db;
        return cli.run(user, withDb);
    }

    private void ok(String user, String... args) {
        assertEquals(0, run(user, args), String.join(" ", args) + ": " + cli.err());
    }

    /** The fingerprint the last command printed: what the person reads out to the ADMIN who endorses their key. */
    private String printedFingerprint() {
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("SHA256:[0-9a-f]{64}").matcher(cli.out());
        assertTrue(printed.find(), cli.out());
        return printed.group();
    }

        private String refused(int exit, String user, String... args) {
        assertEquals(exit, run(user, args), String.join(" ", args) + ": " + cli.out());
        String message = cli.err();
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertTrue(message.matches("E_[A-Z_]+: .+\\R?"), message);
        return message;
    }

    /** ines creates the registry (root key); adam becomes the second ADMIN while ines is the only one; keys endorsed. */
    private void twoAdmins() {
        db = dir.resolve("rules.db").toString();
        ok("ines", "init");
        ok("ines", "principal", "add", "--user", "adam", "--role", "ADMIN");
        assertTrue(cli.out().startsWith("RC-000001 APPLIED at once: grant ADMIN to adam (single ADMIN"), cli.out());
        assertTrue(cli.out().contains("adam now holds ADMIN"), cli.out());
        ok("adam", "principal", "enroll");
        ok("ines", "principal", "enroll", "--user", "adam", "--fingerprint", printedFingerprint());
    }

    @Test
    void aSecondAdminDecidesRoleChangesAndDeactivations() {
        twoAdmins();
        ok("ines", "principal", "add", "--user", "rita", "--role", "RISK_OFFICER");
        assertTrue(cli.out().startsWith("RC-000002 PENDING: grant RISK_OFFICER to rita; it takes effect when another ADMIN runs "
                + "`rules approve --change RC-000002 --comment TEXT`"), cli.out());
        assertTrue(refused(1, "rita", "principal", "enroll").startsWith("E_LEARN_ROLLOUT_DENIED: rita is not a principal"));

        assertTrue(refused(1, "ines", "rules", "approve", "--change", "RC-000002", "--comment", "mine, fine")
                .startsWith("E_LEARN_ROLLOUT_DENIED: ines requested RC-000002 and cannot also decide it"));
        assertTrue(refused(2, "adam", "rules", "approve", "--change", "RC-000002").startsWith("E_USAGE: --comment is required"));
        assertTrue(refused(1, "adam", "rules", "approve", "--change", "REQ-000001", "--comment", "x").startsWith("E_INVALID_INPUT: "));
        assertTrue(refused(1, "adam", "rules", "approve", "--change", "RC-000099", "--comment", "x").startsWith("E_NOT_FOUND: "));
        ok("adam", "rules", "list", "--status", "pending");
        assertTrue(cli.out().startsWith("RC-000002  PENDING  Role grant"), cli.out());
        ok("adam", "rules", "approve", "--change", "RC-000002", "--comment", "New risk officer");
        assertEquals("RC-000002 approved by adam and APPLIED: grant RISK_OFFICER to rita\n", cli.out());
        ok("rita", "principal", "enroll");
        ok("ines", "principal", "enroll", "--user", "rita", "--fingerprint", printedFingerprint());

        ok("ines", "principal", "deactivate", "--user", "rita");
        assertTrue(cli.out().startsWith("RC-000003 PENDING: deactivate rita"), cli.out());
        assertTrue(refused(1, "rita", "rules", "approve", "--change", "RC-000003", "--comment", "keep me")
                .startsWith("E_LEARN_ROLLOUT_DENIED: rita holds [RISK_OFFICER]; approving rule change RC-000003 needs the ADMIN role"));
        ok("adam", "rules", "show", "--change", "RC-000003");
        assertTrue(cli.out().contains("rita: roles [RISK_OFFICER], active -> roles [RISK_OFFICER], inactive"), cli.out());
        ok("adam", "rules", "reject", "--change", "RC-000003", "--comment", "She stays on the desk");
        assertTrue(cli.out().startsWith("RC-000003 REJECTED by adam"), cli.out());
        assertTrue(refused(1, "adam", "rules", "approve", "--change", "RC-000003", "--comment", "changed my mind")
                .startsWith("E_LEARN_ROLLOUT_DENIED: rule change RC-000003 is REJECTED"));

        ok("adam", "principal", "revoke", "--user", "ines", "--role", "ADMIN");
        assertTrue(cli.out().startsWith("RC-000004 PENDING: revoke ADMIN from ines"), cli.out());
        assertTrue(refused(1, "ines", "principal", "activate", "--user", "rita").startsWith("E_INVALID_INPUT: rita is already active"));
        try (Registry registry = Registry.open(Path.of(db))) {
            assertTrue(SignatureAudit.verify(registry).ok(), SignatureAudit.verify(registry).problems().toString());
        }
    }

    @Test
    void aPolicyChangeWaitsForTheSecondAdminAndShowsItsDiff() throws Exception {
        twoAdmins();
        Path loose = dir.resolve("loose.yaml");
        Files.writeString(loose, Files.readString(Path.of("src/main/resources/policies/l3-12.yaml"))
                .replace("name: l3-12", "name: loose")
                .replace("  - {from: ACTIVE, to: RETIRED, approvals: {count: 1, role: RISK_OFFICER}}",
                        "  - {from: ACTIVE, to: RETIRED, approvals: {count: 1, role: RISK_OFFICER}}\n"
                                + "  - {from: RETIRED, to: ACTIVE, approvals: {count: 1, role: RISK_OFFICER}}"));
        ok("ines", "policy", "set", "--file", loose.toString());
        assertTrue(cli.out().startsWith("RC-000002 PENDING: policy loose"), cli.out());
        ok("ines", "policy", "show");
        assertTrue(cli.out().startsWith("Policy l3-12;") && !cli.out().contains("RETIRED    -> ACTIVE"), cli.out());

        ok("adam", "rules", "show", "--change", "RC-000002");
        String shown = cli.out();
        assertTrue(shown.contains("--- the built-in policy\n+++ policy loose (proposed)\n"), shown);
        assertTrue(shown.contains("\n-name: l3-12\n+name: loose\n"), shown);
        assertTrue(shown.contains("\n+  - {from: RETIRED, to: ACTIVE, approvals: {count: 1, role: RISK_OFFICER}}\n"), shown);
        assertFalse(shown.contains("types:"), "only the changed lines and their context: " + shown);

        ok("adam", "rules", "approve", "--change", "RC-000002", "--comment", "Reinstatement path agreed with risk", "--json");
        assertTrue(cli.out().contains("\"status\" : \"APPLIED\"") && cli.out().contains("\"decided_by\" : \"adam\""), cli.out());
        ok("ines", "policy", "show");
        assertTrue(cli.out().startsWith("Policy loose;") && cli.out().contains("RETIRED    -> ACTIVE"), cli.out());
    }
}
