package com.modelsteward.cli;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code register --file model.json}: registers a new version as a candidate; the caller is its creator. */
@Command(name = "register", mixinStandardHelpOptions = true, description = "register a new version from --file model.json (ANALYST)")
final class RegisterCommand implements CliCommand {

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the version's JSON: id, name, type, parent, hashes, training config")
    private Path file;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        InputFiles.NewVersion version = InputFiles.readModel(file);
        try (Registry registry = context.openRegistry(shared)) {
            var service = CommandSupport.service(registry, context);
            var who = CommandSupport.identity(registry, acting, context);
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
            if (shared.json()) {
                context.printJson(Map.of("model_id", version.modelId(), "state", state, "training_config_hash", version.trainingConfigHash()));
            } else {
                context.out().println("Registered " + version.modelId() + " as " + state + " (training config hash "
                        + version.trainingConfigHash() + ")");
            }
        }
        return 0;
    }
}
