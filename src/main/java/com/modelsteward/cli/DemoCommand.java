package com.modelsteward.cli;

import com.modelsteward.config.AppDirs;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.demo.DemoGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code demo [--db PATH] [--seed N]}: writes a new demo registry. Never overwrites an existing file. */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "create a demo registry (default: " + AppDirs.demoRegistry() + ")";
    }

    @Override
    public int run(Args args, CliContext context) throws Exception {
        args.allowOnly(Set.of("seed"));
        Path file = context.registryPath(args);
        if (args.option("db").isEmpty()) {
            AppDirs.ensureDataDir();
        }
        long seed = args.longOption("seed", DemoGenerator.DEFAULT_SEED);
        try (Registry registry = new DemoGenerator(seed, context.clock().instant(), context.user()).create(file)) {
            long versions = new ModelCatalog(registry).versions().size();
            if (args.flag("json")) {
                context.printJson(Map.of("db", registry.file().toString(), "versions", versions, "seed", seed));
            } else {
                context.out().println("Created demo registry " + registry.file() + " with " + versions + " model versions (seed " + seed + ")");
            }
        }
        return 0;
    }
}
