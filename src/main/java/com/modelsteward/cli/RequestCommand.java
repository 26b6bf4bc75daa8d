package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code request --model ID --to STATE --reason TEXT}: asks for a transition; shows the gate report snapshot. */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = "request a transition: --model ID --to STATE --reason TEXT (ANALYST)")
final class RequestCommand implements CliCommand {

    @Option(names = "--model", required = true, paramLabel = "ID", converter = Converters.Text.class, description = "the version, e.g. momentum_xgb-3.2.0")
    private String model;

    @Option(names = "--to", required = true, paramLabel = "STATE", converter = Converters.Text.class,
            description = "the state to move it to, one the policy names (`policy show`), e.g. SHADOW or ACTIVE")
    private String to;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", converter = Converters.Text.class, description = "why; the approvers read it")
    private String reason;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            GovernanceEngine service = CommandSupport.service(registry, context);
            GovernanceEngine.RequestResult result = service.request(CommandSupport.identity(registry, acting, context), model, to, reason);
            if (shared.json()) {
                context.printJson(result);
                return 0;
            }
            if (result.status().equals("EXECUTED")) {
                context.out().println(result.requestId() + ": " + model + " moved " + result.fromState() + " -> " + result.toState()
                        + " (the policy needs no approval for this transition)");
            } else {
                context.out().println(result.requestId() + ": " + model + " " + result.fromState() + " -> " + result.toState()
                        + " is PENDING; it needs " + result.requiredApprovals() + " approval" + (result.requiredApprovals() == 1 ? "" : "s")
                        + " by a " + result.requiredRole());
            }
            CommandSupport.printReport(context, result.gateReport());
        }
        return 0;
    }
}
