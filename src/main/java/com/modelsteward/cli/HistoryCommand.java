package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code history --model-name NAME [--at ISO-TIME]}: which version was ACTIVE when, from the audit trail. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "ACTIVE versions of --model-name NAME over time, or the one ACTIVE --at ISO-TIME")
final class HistoryCommand implements CliCommand {

    @Option(names = "--model-name", required = true, paramLabel = "NAME", converter = Converters.Text.class,
            description = "the model name, e.g. momentum_xgb")
    private String name;

    @Option(names = "--at", paramLabel = "ISO-TIME", description = "only the version live at this time, e.g. 2026-11-01T12:00:00Z")
    private Instant at;

    @Mixin
    private SharedOptions shared;

    /** Accepted as every governance command accepts it, so a script passes --as alike; reading history acts as nobody. */
    @Mixin
    private ActingOptions acting;

    /** It reads and checks; it signs nothing. */
    @Override
    public boolean maySign() {
        return false;
    }

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            GovernanceEngine service = CommandSupport.service(registry, context);
            if (at != null) {
                String active = service.activeAt(name, at).orElse(null);
                if (shared.json()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("model_name", name);
                    json.put("at", Timestamps.format(at));
                    json.put("active_model_id", active);
                    context.printJson(json);
                } else {
                    context.out().println(active == null ? "No version of " + name + " was ACTIVE at " + Timestamps.format(at)
                            : active + " was the ACTIVE version of " + name + " at " + Timestamps.format(at));
                }
                return 0;
            }
            var periods = service.history(name);
            if (shared.json()) {
                context.printJson(periods);
                return 0;
            }
            if (periods.isEmpty()) {
                context.out().println("No version of " + name + " has been ACTIVE according to the audit trail");
            }
            periods.forEach(p -> context.out().printf("%-28s from %s until %-24s (%s by %s, audit #%d)%n", p.modelId(), p.from(),
                    p.until() == null ? "now" : p.until(), p.cause(), p.actor(), p.auditSeq()));
        }
        return 0;
    }
}
