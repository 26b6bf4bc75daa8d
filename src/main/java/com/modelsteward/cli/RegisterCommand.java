package com.modelsteward.cli;

import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import java.util.Map;

/** {@code register --file model.json}: registers a new version as a candidate; the caller is its creator. */
final class RegisterCommand implements Command {

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String summary() {
        return "register a new version from --file model.json (ANALYST)";
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(GovernanceCli.options("file"));
        InputFiles.NewVersion version = InputFiles.readModel(args.requiredPath("file"));
        try (Registry registry = context.openRegistry(args)) {
            var service = GovernanceCli.service(registry, args, context);
            service.register(GovernanceCli.identity(registry, args, context), version);
            String state = service.policy().initialState();
            if (args.flag("json")) {
                context.printJson(Map.of("model_id", version.modelId(), "state", state, "training_config_hash", version.trainingConfigHash()));
            } else {
                context.out().println("Registered " + version.modelId() + " as " + state + " (training config hash "
                        + version.trainingConfigHash() + ")");
            }
        }
        return 0;
    }
}
