package com.modelsteward.cli;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code audit verify}: walks the hash chain; exit 1 naming the first entry that does not match. */
final class AuditVerifyCommand implements Command {

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public String summary() {
        return "re-verify the audit trail's hash chain; names the first altered entry";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(Set.of());
        try (Registry registry = context.openRegistry(args)) {
            AuditTrail.Verification result = AuditTrail.verify(registry);
            if (args.flag("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("ok", result.ok());
                json.put("checked", result.checked());
                json.put("first_bad_seq", result.firstBadSeq().orElse(null));
                json.put("problem", result.problem());
                context.printJson(json);
            } else if (result.ok()) {
                context.out().println("Audit trail intact: " + result.checked() + " entries verified");
            }
            if (!result.ok()) {
                throw new CliException("E_AUDIT_BROKEN", "audit trail of " + registry.file() + " does not verify: " + result.problem()
                        + " (" + result.checked() + " entries before it verified)");
            }
        }
        return 0;
    }
}
