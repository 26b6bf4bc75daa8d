package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;

/** {@code approve|reject --request ID --comment TEXT}: the approval that completes the quorum executes the transition. */
final class DecideCommand implements Command {

    private final boolean approve;

    DecideCommand(boolean approve) {
        this.approve = approve;
    }

    @Override
    public String name() {
        return approve ? "approve" : "reject";
    }

    @Override
    public String summary() {
        return (approve ? "approve" : "reject") + " a request: --request ID --comment TEXT (RISK_OFFICER)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(CommandSupport.options("request", "comment"));
        String request = args.required("request");
        String comment = args.required("comment");
        try (Registry registry = context.openRegistry(args)) {
            GovernanceEngine service = CommandSupport.service(registry, args, context);
            var who = CommandSupport.identity(registry, args, context);
            GovernanceEngine.DecisionResult result = approve ? service.approve(who, request, comment) : service.reject(who, request, comment);
            if (args.flag("json")) {
                context.printJson(result);
            } else if (result.executed()) {
                context.out().println(request + " approved by " + who.user() + " and EXECUTED (gate report digest " + result.gateReportDigest() + ")");
            } else if (approve) {
                context.out().println(request + " approved by " + who.user() + "; " + result.approvals() + " of " + result.requiredApprovals()
                        + " approvals, still PENDING");
            } else {
                context.out().println(request + " REJECTED by " + who.user());
            }
        }
        return 0;
    }
}
