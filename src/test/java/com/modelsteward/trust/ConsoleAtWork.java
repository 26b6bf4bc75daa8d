package com.modelsteward.trust;

import com.modelsteward.config.AppSettings;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.ui.approvals.GovernanceCommands;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.shell.ConsoleShell;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The real console, open on a registry and writing to it, for {@link ConsoleCrashTest} to kill: the shell opens the file
 * as a user would, then, one after another, its background task runner (the one every view and dialog uses) commits
 * transitions through the console's own governance engine — CANDIDATE → SHADOW, SHADOW → RETIRED — while this process
 * also registers new candidates, as the trading pipeline does beside a running console.
 *
 * <p>Like {@link LoadWorker} it appends "TRY …" before each write and "ACK …" once it has committed, flushed at once,
 * so the test knows what the killed console acknowledged.
 *
 * <p>Usage: {@code ConsoleAtWork DB ACK_FILE USER SEED} (the keys are found through {@code -Dsteward.home}).
 */
public final class ConsoleAtWork {

    private final AppContext context;
    private final BufferedWriter ack;
    private final Random random;

    private ConsoleAtWork(AppContext context, BufferedWriter ack, Random random) {
        this.context = context;
        this.ack = ack;
        this.random = random;
    }

    public static void main(String[] args) throws IOException {
        Path db = Path.of(args[0]);
        BufferedWriter ack = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String user = args[2];
        Random random = new Random(Long.parseLong(args[3]));
        Platform.startup(() -> {
            ConsoleShell shell = new ConsoleShell(new Stage(), user, Clock.systemUTC(), AppSettings.load());
            shell.stage().show();
            shell.setOnOpened(context -> new ConsoleAtWork(context, ack, random).next());
            shell.setOnOpenFailed(failure -> {
                System.err.println("the console could not open " + db + ": " + failure);
                System.exit(3);
            });
            shell.open(db, false);
        });
    }

    /** One write in the background, then the next, for as long as the process lives. */
    private void next() {
        long seed = random.nextLong();
        context.tasks().run("console at work", () -> step(new Random(seed)), ignored -> next(), failure -> {
            System.err.println("FAULT " + failure);
            next();
        });
    }

    private Void step(Random dice) throws IOException {
        Identity me = Principals.resolve(context.registry(), context.user(), Optional.empty());
        Optional<String[]> version = context.registry().readHandle(h -> h.createQuery("""
                        SELECT model_id, state FROM model_registry WHERE state IN ('CANDIDATE', 'SHADOW') AND archived = 0
                         ORDER BY random() LIMIT 1""")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
        if (version.isEmpty() || dice.nextInt(4) == 0) {
            String name = LoadFixture.NAMES.get(dice.nextInt(LoadFixture.NAMES.size()));
            String modelId = name + "-console-" + HexFormat.of().toHexDigits(dice.nextLong());
            line("TRY register " + modelId);
            context.registry().writeHandle(h -> h.execute("""
                    INSERT INTO model_registry (model_id, model_name, model_type, version, created_by)
                    VALUES (?, ?, 'load_model', ?, 'pipeline')""", modelId, name, modelId.substring(name.length() + 1)));
            line("ACK REGISTERED " + modelId);
            return null;
        }
        String modelId = version.get()[0];
        String to = version.get()[1].equals("CANDIDATE") ? "SHADOW" : "RETIRED";
        line("TRY request " + modelId + " " + to);
        try {
            var result = GovernanceCommands.engine(context).request(me, modelId, to, "console crash test");
            line("ACK " + result.status() + " " + result.requestId() + " " + to + " " + modelId);
        } catch (GovernanceException refused) {
            line("REFUSED " + refused.code());
        }
        return null;
    }

    private void line(String text) {
        try {
            ack.write(text);
            ack.newLine();
            ack.flush();
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}
