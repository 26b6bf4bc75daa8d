package com.modelsteward.cli;

import com.modelsteward.app.RegistryServices;
import com.modelsteward.governance.GateReport;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.Registry;

/** What the governance commands share: who is acting, which policy applies, the engine. */
final class CommandSupport {

    private CommandSupport() {
    }

    /** The OS login; {@code --as USER} only on a demo registry. */
    static Identity identity(Registry registry, ActingOptions acting, CliContext context) {
        return Principals.resolve(registry, context.user(), acting.as());
    }

    /**
     * The registry's stored policy (or the built-in L3-12 one), with the LEARN_* environment keys on top; a key that the
     * registry does not let apply (it would loosen a real registry's policy) is named on stderr, one line each.
     */
    static Policy policy(Registry registry, CliContext context) {
        return warned(context.services(registry), context).policy();
    }

    static GovernanceEngine service(Registry registry, CliContext context) {
        return warned(context.services(registry), context).governance();
    }

    private static RegistryServices warned(RegistryServices services, CliContext context) {
        services.policy().environmentWarnings().forEach(warning -> context.err().println("warning: " + warning));
        return services;
    }

    static void printReport(CliContext context, GateReport report) {
        context.out().println("Gate report for " + report.modelId() + " (" + report.fromState() + " -> " + report.toState() + ", policy "
                + report.policy() + ", baseline " + (report.baselineModelId() == null ? "none: absolute thresholds" : report.baselineModelId())
                + "): " + (report.passed() ? "PASSED" : "FAILED"));
        for (GateReport.PrerequisiteCheck p : report.prerequisites()) {
            context.out().printf("  %-4s %-22s %s%n", p.passed() ? "ok" : "FAIL", p.name(), p.detail());
        }
        for (GateReport.GateCheck c : report.checks()) {
            context.out().printf("  %-4s %-16s %-18s candidate %-10s baseline %-10s delta %-10s needs %-22s %s%n", c.passed() ? "ok" : "FAIL",
                    c.pack(), c.metric(), number(c.candidate()), number(c.baseline()), number(c.delta()),
                    c.comparison() == null ? "-" : c.comparison(), c.reason());
        }
        if (!report.environment().isEmpty()) {
            context.out().println("  environment " + report.environment());
        }
        context.out().println("  digest " + report.digest());
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
