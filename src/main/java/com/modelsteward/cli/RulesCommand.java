package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.policy.LineDiff;
import com.modelsteward.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rules list [--status S]}, {@code rules show --change RC-…}, {@code rules approve|reject --change RC-… --comment
 * TEXT}: the rule changes (policy, roles, deactivations) that wait for, or got, a second ADMIN's decision.
 */
abstract class RulesCommand implements CliCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "rule changes (policy, roles, deactivations) and their status; --status PENDING to filter")
    static final class ListChanges extends RulesCommand {

        @Option(names = "--status", paramLabel = "S", description = "only changes in this status: PENDING, APPLIED, REJECTED or STALE")
        private String status;

        @Override
        void run(Registry registry, CliContext context) {
            list(registry, context, Optional.ofNullable(status).map(s -> s.toUpperCase(Locale.ROOT)));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "one rule change: --change RC-… with the policy diff or the role change")
    static final class Show extends RulesCommand {

        @Option(names = "--change", required = true, paramLabel = "RC-…", converter = Converters.Text.class, description = "the rule change, e.g. RC-000001")
        private String change;

        @Override
        void run(Registry registry, CliContext context) {
            show(registry, context, change);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "apply another ADMIN's rule change: --change RC-… --comment TEXT (ADMIN)")
    static final class Approve extends Decide {
        Approve() {
            super(true);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "reject another ADMIN's rule change: --change RC-… --comment TEXT (ADMIN)")
    static final class Reject extends Decide {
        Reject() {
            super(false);
        }
    }

    /** A second ADMIN's decision on a rule change. */
    abstract static class Decide extends RulesCommand {

        private final boolean approve;

        @Option(names = "--change", required = true, paramLabel = "RC-…", converter = Converters.Text.class, description = "the rule change, e.g. RC-000001")
        private String change;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", converter = Converters.Text.class,
                description = "why; recorded with the decision")
        private String comment;

        Decide(boolean approve) {
            this.approve = approve;
        }

        @Override
        void run(Registry registry, CliContext context) {
            decide(registry, context, change, comment, approve);
        }
    }

    @Mixin
    SharedOptions shared;

    @Mixin
    ActingOptions acting;

    abstract void run(Registry registry, CliContext context);

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            run(registry, context);
        }
        return 0;
    }

    void list(Registry registry, CliContext context, Optional<String> status) {
        List<RuleChanges.RuleChange> changes = RuleChanges.list(registry).stream()
                .filter(c -> status.isEmpty() || c.status().equals(status.get())).toList();
        if (shared.json()) {
            context.printJson(changes.stream().map(RulesCommand::json).toList());
            return;
        }
        if (changes.isEmpty()) {
            context.out().println("No rule changes" + status.map(s -> " in status " + s).orElse("") + ".");
        }
        for (RuleChanges.RuleChange c : changes) {
            context.out().printf("%s  %-8s %-16s %-40s requested by %s%s%n", c.changeId(), c.status(), c.kind().label(), c.summary(),
                    c.requestedBy(), c.decidedBy() == null ? "" : ", decided by " + c.decidedBy());
        }
    }

    void show(Registry registry, CliContext context, String id) {
        RuleChanges.Evidence evidence = RuleChanges.evidence(registry, id, CommandSupport.identity(registry, acting, context));
        RuleChanges.RuleChange c = evidence.change();
        if (shared.json()) {
            Map<String, Object> json = json(c);
            json.put("diff", evidence.diff().stream().map(LineDiff.Line::toString).toList());
            json.put("blockers", evidence.blockers());
            json.put("notes", evidence.notes());
            context.printJson(json);
            return;
        }
        context.out().println(c.changeId() + " " + c.status() + ": " + c.kind().label() + ", " + c.summary());
        context.out().println("  requested by " + c.requestedBy() + " at " + c.requestedAt() + (c.fourEyes() ? "" : " (single ADMIN: applied at once)"));
        if (c.decidedBy() != null) {
            context.out().println("  decided by " + c.decidedBy() + " at " + c.decidedAt() + ": " + c.decisionComment());
        }
        if (c.kind().policy()) {
            context.out().print(LineDiff.render(evidence.baseLabel(), evidence.baseText(), "policy " + c.policyName() + " (proposed)",
                    c.policyText()));
        } else {
            context.out().println("  " + c.targetUser() + ": roles [" + evidence.before().rolesText() + "], "
                    + (evidence.before().active() ? "active" : "inactive") + " -> roles [" + evidence.after().rolesText() + "], "
                    + (evidence.after().active() ? "active" : "inactive"));
        }
        evidence.notes().forEach(n -> context.out().println("  note: " + n));
        evidence.blockers().forEach(b -> context.out().println("  cannot be decided by you: " + b));
    }

    void decide(Registry registry, CliContext context, String id, String comment, boolean approve) {
        if (!RuleChanges.isChangeId(id)) {
            throw new GovernanceException("E_INVALID_INPUT", "--change takes a rule change id such as RC-000001, not \"" + id
                    + "\"; model requests are decided with `approve --request`");
        }
        var who = CommandSupport.identity(registry, acting, context);
        RuleChanges.Outcome outcome = approve
                ? RuleChanges.approve(registry, context.clock(), who, id, comment, context.environment().asMap())
                : RuleChanges.reject(registry, context.clock(), who, id, comment);
        if (shared.json()) {
            context.printJson(json(outcome.change()));
        } else {
            context.out().println(id + (outcome.applied() ? " approved by " + who.user() + " and APPLIED: " : " REJECTED by " + who.user() + ": ")
                    + outcome.change().summary());
        }
    }

    /** Prints what a rule-change request did: applied at once (single ADMIN) or waiting for a second ADMIN. */
    static void printRequested(CliContext context, SharedOptions shared, RuleChanges.Outcome outcome, Map<String, Object> extra) {
        RuleChanges.RuleChange c = outcome.change();
        if (shared.json()) {
            Map<String, Object> json = json(c);
            json.put("applied", outcome.applied());
            json.putAll(extra);
            context.printJson(json);
        } else if (outcome.applied()) {
            context.out().println(c.changeId() + " APPLIED at once: " + c.summary() + " (single ADMIN: the registry has no other ADMIN to approve it)");
        } else {
            context.out().println(c.changeId() + " PENDING: " + c.summary() + "; it takes effect when another ADMIN runs `rules approve --change "
                    + c.changeId() + " --comment TEXT`");
        }
    }

    static Map<String, Object> json(RuleChanges.RuleChange c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("change_id", c.changeId());
        json.put("kind", c.kind().name());
        json.put("status", c.status());
        json.put("target", c.target());
        json.put("user", c.targetUser());
        json.put("role", c.role());
        json.put("policy", c.policyName());
        json.put("sha256", c.policySha256());
        json.put("base_sha256", c.baseSha256());
        json.put("requested_by", c.requestedBy());
        json.put("requested_at", c.requestedAt());
        json.put("four_eyes", c.fourEyes());
        json.put("decided_by", c.decidedBy());
        json.put("decided_at", c.decidedAt());
        json.put("decision_comment", c.decisionComment());
        return json;
    }
}
