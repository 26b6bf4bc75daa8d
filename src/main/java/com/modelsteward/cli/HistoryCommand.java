package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code history --model-name NAME [--at ISO-TIME]}: which version was ACTIVE when, from the audit trail. */
final class HistoryCommand implements Command {

    @Override
    public String name() {
        return "history";
    }

    @Override
    public String summary() {
        return "ACTIVE versions of --model-name NAME over time, or the one ACTIVE --at ISO-TIME";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(CommandSupport.options("model-name", "at"));
        String name = args.required("model-name");
        try (Registry registry = context.openRegistry(args)) {
            GovernanceEngine service = CommandSupport.service(registry, args, context);
            if (args.option("at").isPresent()) {
                Instant at = parse(args.option("at").get());
                String active = service.activeAt(name, at).orElse(null);
                if (args.flag("json")) {
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
            if (args.flag("json")) {
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

    private static Instant parse(String text) {
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException notATime) {
            throw new CliException("E_USAGE", "--at must be an ISO-8601 time such as 2026-11-01T12:00:00Z, not \"" + text + "\"");
        }
    }
}
