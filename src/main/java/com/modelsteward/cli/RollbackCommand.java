package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;

/** {@code rollback --model-name NAME --reason TEXT}: back to the last-known-good version (RISK_OFFICER). */
final class RollbackCommand implements Command {

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String summary() {
        return "roll a model name back to its last-known-good version: --model-name NAME --reason TEXT (RISK_OFFICER)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(CommandSupport.options("model-name", "reason"));
        String name = args.required("model-name");
        String reason = args.required("reason");
        try (Registry registry = context.openRegistry(args)) {
            GovernanceEngine service = CommandSupport.service(registry, args, context);
            GovernanceEngine.RollbackResult result = service.rollback(CommandSupport.identity(registry, args, context), name, reason);
            if (args.flag("json")) {
                context.printJson(result);
            } else {
                context.out().println("Rolled " + name + " back: " + (result.fromModelId() == null ? "(none)" : result.fromModelId())
                        + " -> " + result.toModelId() + " (" + result.requestId() + ")");
            }
        }
        return 0;
    }
}
