package com.modelsteward.cli;

import com.modelsteward.config.AppDirs;
import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
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
        return "create a demo registry (default: " + AppDirs.demoRegistry() + "); --versions N for a scale registry";
    }

    @Override
    public int run(Args args, CliContext context) throws Exception {
        args.allowOnly(Set.of("seed", "versions"));
        Location location = context.registryLocation(args);
        if (args.option("db").isEmpty()) {
            AppDirs.ensureDataDir();
        }
        long seed = args.longOption("seed", DemoGenerator.DEFAULT_SEED);
        int scale = args.intOption("versions", 0);
        if (scale != 0 && scale < 3) {
            throw new CliException("E_USAGE", "--versions must be at least 3 (it sizes a scale registry; leave it out for the demo)");
        }
        long started = System.nanoTime();
        try (Registry registry = scale > 0
                ? new ScaleGenerator(seed, context.clock().instant(), context.user()).create(location, scale, done -> {
                    if (!args.flag("json")) {
                        context.err().print("\r" + done + " / " + scale + " versions");
                    }
                })
                : new DemoGenerator(seed, context.clock().instant(), context.user()).createWithDriftRun(location)) {
            if (scale > 0 && !args.flag("json")) {
                context.err().println();
            }
            // A count, not the catalog's list: mapping 100 000 summaries only to count them took 5–10 s of the command.
            long versions = registry.read(store -> store.versions().count());
            if (args.flag("json")) {
                context.printJson(Map.of("db", registry.location().toString(), "versions", versions, "seed", seed));
            } else {
                context.out().printf("Created demo registry %s with %d model versions (seed %d) in %.1f s%n", registry.location(), versions, seed,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        return 0;
    }
}
