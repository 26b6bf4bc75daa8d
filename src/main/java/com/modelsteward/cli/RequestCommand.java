package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;

/** {@code request --model ID --to STATE --reason TEXT}: asks for a transition; shows the gate report snapshot. */
final class RequestCommand implements Command {

    @Override
    public String name() {
        return "request";
    }

    @Override
    public String summary() {
        return "request a transition: --model ID --to STATE --reason TEXT (ANALYST)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(CommandSupport.options("model", "to", "reason"));
        String model = args.required("model");
        String to = args.required("to");
        String reason = args.required("reason");
        try (Registry registry = context.openRegistry(args)) {
            GovernanceEngine service = CommandSupport.service(registry, args, context);
            GovernanceEngine.RequestResult result = service.request(CommandSupport.identity(registry, args, context), model, to, reason);
            if (args.flag("json")) {
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
