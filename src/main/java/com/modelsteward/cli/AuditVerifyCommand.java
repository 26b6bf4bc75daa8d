package com.modelsteward.cli;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.SignatureAudit;
import com.modelsteward.trust.TrustStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code audit verify}: walks the hash chain and checks every signature (keys against the root, approvals against their
 * approvers' keys, signed chain heads) in one pass over the log; exit 1 naming the first entry that does not match or
 * every bad signature.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "re-verify the audit trail's hash chain and every signature; names the first altered entry")
final class AuditVerifyCommand implements CliCommand {

    /**
     * Problems the text lists one per line; the rest are counted. One altered entry leaves every entry up to the next
     * valid head unattested (991 lines for one edit at 100 000 versions), and an emptied audit_signatures table one line
     * per entry: the first lines say what happened, and {@code --json} still carries each.
     */
    static final int LISTED = 40;

    @Mixin
    private SharedOptions shared;

    /** It reads and checks; it signs nothing. */
    @Override
    public boolean maySign() {
        return false;
    }

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistryCheckingRoot(shared)) {
            // One snapshot: the walk of the chain, the signatures' replay and the check against the pinned head agree on
            // what the log holds, and the head's check needs no walk of its own.
            Checked checked = registry.readSnapshot(store -> {
                WalkProgress progress = WalkProgress.forTerminal(context);
                long total = store.audit().lastSeq();
                try {
                    SignatureAudit.Full all = SignatureAudit.verifyAll(store, walked -> progress.walked(walked, total));
                    return new Checked(all, TrustStore.load().checkHead(store, registry.location().key(), all.chain()));
                } finally {
                    progress.end();
                }
            });
            context.warn(checked.head());
            SignatureAudit.Full full = checked.full();
            AuditTrail.Verification result = full.chain();
            SignatureAudit.Report signatures = full.signatures();
            if (shared.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("ok", result.ok());
                json.put("checked", result.checked());
                json.put("first_bad_seq", result.firstBadSeq().orElse(null));
                json.put("problem", result.problem());
                json.put("signatures_ok", signatures.ok());
                json.put("root_key", signatures.rootFingerprint().orElse(null));
                json.put("demo_keys", signatures.demoKeys());
                json.put("signature_problems", signatures.problems());
                context.printJson(json);
            } else {
                if (result.ok()) {
                    context.out().println("Audit trail intact: " + result.checked() + " entries verified");
                }
                context.out().println("Signatures: " + signatures.keysChecked() + " keys, " + signatures.decisionsChecked() + " decisions, "
                        + signatures.headsChecked() + " signed heads checked" + (signatures.ok() ? "; all verify" : "")
                        + (signatures.demoKeys() ? " (demo keys: public by design, they prove nothing)" : ""));
                List<String> problems = signatures.problems();
                problems.stream().limit(LISTED).forEach(problem -> context.out().println("  ✖ " + problem));
                if (problems.size() > LISTED) {
                    context.out().println("  … and " + (problems.size() - LISTED) + " more: `audit verify --json` lists every one");
                }
            }
            if (!result.ok()) {
                throw new CliException("E_AUDIT_BROKEN", "audit trail of " + registry.location() + " does not verify: " + result.problem()
                        + " (" + result.checked() + " entries before it verified)");
            }
            TrustStore trust = TrustStore.load();
            TrustStore.Check root = trust.check(registry);
            if (root.alarming()) {
                throw new CliException("E_AUDIT_ROOT_CHANGED", root.message().lines().findFirst().orElse("") + " (" + registry.location() + ")");
            }
            TrustStore.HeadCheck head = checked.head();
            if (head.alarming()) {
                throw new CliException("E_AUDIT_ROLLED_BACK", head.message());
            }
            if (!signatures.ok()) {
                throw new CliException("E_AUDIT_SIGNATURE", signatures.problems().size() + " unsigned or badly signed record(s) in "
                        + registry.location() + "; first: " + signatures.problems().getFirst());
            }
        }
        return 0;
    }

    private record Checked(SignatureAudit.Full full, TrustStore.HeadCheck head) {
    }
}
