package com.modelsteward.cli;

import com.modelsteward.governance.RuleChanges;
import com.modelsteward.policy.GateSpec;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code policy show} prints the policy in force; {@code policy set --file F} (ADMIN) proposes F as the registry's policy:
 * a rule change a second ADMIN approves ({@code rules approve}), applied at once only while the registry has one ADMIN.
 */
abstract class PolicyCommand implements CliCommand {

    @Mixin
    SharedOptions shared;

    @Mixin
    ActingOptions acting;

    @Command(name = "show", mixinStandardHelpOptions = true, description = "the states, transitions and gates in force")
    static final class Show extends PolicyCommand {

        @Option(names = "--type", paramLabel = "MODEL_TYPE", description = "whose rules and gates to show (default: signal_model)")
        private String type = "signal_model";

        @Override
        public int run(CliContext context) {
            try (Registry registry = context.openRegistry(shared)) {
                Policy policy = CommandSupport.policy(registry, context);
                Policy.TypeRules rules = policy.rulesFor(type);
                if (shared.json()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("name", policy.name());
                    json.put("states", policy.states());
                    json.put("live_state", policy.liveState());
                    json.put("transitions", policy.transitions());
                    json.put("model_type", type);
                    json.put("rules", rules);
                    context.printJson(json);
                    return 0;
                }
                context.out().println("Policy " + policy.name() + "; states " + String.join(" -> ", policy.states())
                        + " (live state " + policy.liveState() + ")");
                for (Policy.Transition t : policy.transitions()) {
                    context.out().printf("  %-10s -> %-10s requires %-45s approvals %s%n", t.from(), t.to(), t.requires(),
                            t.approvals().count() == 0 ? "none" : t.approvals().count() + " x " + t.approvals().role());
                }
                context.out().println("Rules for " + type + ": packs " + rules.evalPacks() + ", shadow period " + rules.shadowDurationDays()
                        + " days, keep " + rules.retainRetired() + " retired versions");
                List<GateSpec> gates = rules.gates();
                gates.forEach(g -> context.out().printf("  %-18s %-16s min improvement %-6s threshold %-6s band %s%n", g.metric(), g.direction(),
                        g.minImprovement() == null ? "-" : g.minImprovement(), g.threshold() == null ? "-" : g.threshold(),
                        g.bandLow() == null ? "-" : "[" + g.bandLow() + ", " + g.bandHigh() + "]"));
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "propose --file policy.yaml (or .json) as this registry's policy (ADMIN; a second ADMIN approves)")
    static final class Set extends PolicyCommand {

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the policy: YAML or JSON")
        private Path file;

        @Override
        public int run(CliContext context) {
            try (Registry registry = context.openRegistry(shared)) {
                RuleChanges.Outcome outcome = RuleChanges.requestPolicy(registry, context.clock(),
                        CommandSupport.identity(registry, acting, context), file, context.environment().asMap());
                RulesCommand.printRequested(context, shared, outcome, Map.of());
            }
            return 0;
        }
    }
}
