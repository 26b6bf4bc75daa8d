package com.modelsteward.cli;

import java.util.List;

/** Every command of the command line. Adding a command is one class and one line here. */
final class Commands {

    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                new InitCommand(),
                new DemoCommand(),
                new MigrateCommand(),
                new StatusCommand(),
                new RegisterCommand(),
                new ScorecardsImportCommand(),
                new RequestCommand(),
                new DecideCommand(true),
                new DecideCommand(false),
                new RollbackCommand(),
                new HistoryCommand(),
                new AuditVerifyCommand(),
                new PrincipalChangeCommand(PrincipalChangeCommand.Change.ADD),
                new PrincipalChangeCommand(PrincipalChangeCommand.Change.REVOKE),
                new PrincipalChangeCommand(PrincipalChangeCommand.Change.DEACTIVATE),
                new PrincipalChangeCommand(PrincipalChangeCommand.Change.ACTIVATE),
                new PolicyCommand(false),
                new PolicyCommand(true),
                new DriftCommand(),
                new LineageCommand(),
                new ModelCardCommand(),
                new ScorecardsImportCsvCommand(),
                new PrincipalEnrollCommand(),
                new RulesCommand(RulesCommand.Action.LIST),
                new RulesCommand(RulesCommand.Action.SHOW),
                new RulesCommand(RulesCommand.Action.APPROVE),
                new RulesCommand(RulesCommand.Action.REJECT));
    }
}
