package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollback --model-name NAME --reason TEXT}: back to the last-known-good version (RISK_OFFICER). */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "roll a model name back to its last-known-good version: --model-name NAME --reason TEXT (RISK_OFFICER)")
final class RollbackCommand implements CliCommand {

    @Option(names = "--model-name", required = true, paramLabel = "NAME", converter = Converters.Text.class,
            description = "the model name whose live version goes back, e.g. momentum_xgb")
    private String name;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", converter = Converters.Text.class, description = "why; recorded in the audit trail")
    private String reason;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            GovernanceEngine service = CommandSupport.service(registry, context);
            GovernanceEngine.RollbackResult result = service.rollback(CommandSupport.identity(registry, acting, context), name, reason);
            if (shared.json()) {
                context.printJson(result);
            } else {
                context.out().println("Rolled " + name + " back: " + (result.fromModelId() == null ? "(none)" : result.fromModelId())
                        + " -> " + result.toModelId() + " (" + result.requestId() + ")");
            }
        }
        return 0;
    }
}
