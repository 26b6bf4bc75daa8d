package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code approve|reject --request ID --comment TEXT}: the approval that completes the quorum executes the transition. */
abstract class DecideCommand implements CliCommand {

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "approve a request: --request ID --comment TEXT (RISK_OFFICER)")
    static final class Approve extends DecideCommand {
        Approve() {
            super(true);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "reject a request: --request ID --comment TEXT (RISK_OFFICER)")
    static final class Reject extends DecideCommand {
        Reject() {
            super(false);
        }
    }

    private final boolean approve;

    @Option(names = "--request", required = true, paramLabel = "ID", converter = Converters.Text.class, description = "the request, e.g. REQ-000015")
    private String request;

    @Option(names = "--comment", required = true, paramLabel = "TEXT", converter = Converters.Text.class,
            description = "why; recorded and signed with the decision")
    private String comment;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    DecideCommand(boolean approve) {
        this.approve = approve;
    }

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            GovernanceEngine service = CommandSupport.service(registry, context);
            var who = CommandSupport.identity(registry, acting, context);
            GovernanceEngine.DecisionResult result = approve ? service.approve(who, request, comment) : service.reject(who, request, comment);
            if (shared.json()) {
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
