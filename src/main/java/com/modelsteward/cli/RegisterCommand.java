package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
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
        args.allowOnly(CommandSupport.options("file"));
        Path file = args.requiredPath("file");
        InputFiles.NewVersion version = InputFiles.readModel(file);
        try (Registry registry = context.openRegistry(args)) {
            var service = CommandSupport.service(registry, args, context);
            var who = CommandSupport.identity(registry, args, context);
            try {
                service.register(who, version);
            } catch (GovernanceException refused) {
                // What the registry refuses (a taken id, an unknown type or parent) is still a fault of the file: say which.
                if (refused.code().equals("E_INVALID_INPUT")) {
                    throw new GovernanceException(refused.code(), file + ": " + refused.getMessage() + "; nothing was registered");
                }
                throw refused;
            }
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
