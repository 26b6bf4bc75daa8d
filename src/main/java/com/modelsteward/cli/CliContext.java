package com.modelsteward.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.modelsteward.app.RegistryServices;
import com.modelsteward.config.AppDirs;
import com.modelsteward.config.Environment;
import com.modelsteward.config.OsAccount;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.ServerLogin;
import com.modelsteward.trust.TrustStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a command needs from its surroundings: output streams, the clock, the user, and how to open the registry. */
public record CliContext(PrintStream out, PrintStream err, Clock clock, String user, Environment environment) {

    /** A context with the process's environment. */
    public CliContext(PrintStream out, PrintStream err, Clock clock, String user) {
        this(out, err, clock, user, Environment.process());
    }

    /** Made on the first JSON output: a command without --json (and help) never loads Jackson's writer for it. */
    private static final class Json {
        static final ObjectMapper OUTPUT = CanonicalJson.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /**
     * The context of a real run: the user is the OS account running the process ({@link OsAccount}), never what
     * {@code user.name} or the environment claim. Throws {@link OsAccount.Unavailable} when the OS cannot say.
     */
    public static CliContext system() {
        java.io.Console console = System.console();
        TerminalOutput out = TerminalOutput.standardOutput(console != null && console.isTerminal());
        return new CliContext(out, TerminalOutput.standardError(out), Clock.systemUTC(), OsAccount.current().name(), Environment.process());
    }

    /** The registry named by --db (a file or a server), or the per-user demo registry when --db is absent. */
    public Location registryLocation(SharedOptions options) {
        return options.db().map(this::location).orElseGet(() -> new Location.File(AppDirs.demoRegistry()));
    }

    /** What an option names (a file, or a server with its login and password found as libpq finds them). */
    public Location location(String address) {
        Location location = Location.parse(address);
        if (location instanceof Location.Server server) {
            return ServerLogin.resolve(server, environment.asMap(), user, environment.get("HOME").map(Path::of).orElse(null));
        }
        return location;
    }

    /**
     * Runs {@code open} on the registry --db names; when a server asks for a password nobody gave and a person is at the
     * terminal, asks once (without echo) and tries again.
     */
    public <R> R withRegistryLocation(SharedOptions options, java.util.function.Function<Location, R> open) {
        return withLocation(registryLocation(options), open);
    }

    /** {@link #withRegistryLocation} for a location another option names ({@code migrate --to}). */
    public <R> R withLocation(Location location, java.util.function.Function<Location, R> open) {
        try {
            return open.apply(location);
        } catch (RegistryException refused) {
            java.io.Console console = System.console();
            if (!RegistryException.PASSWORD_NEEDED.equals(refused.code()) || console == null
                    || !(location instanceof Location.Server server)) {
                throw refused;
            }
            out.flush();
            char[] typed = console.readPassword("Password for %s on %s: ", server.user(), server.server());
            if (typed == null) {
                throw refused;
            }
            return open.apply(server.as(server.user(), new String(typed)));
        }
    }

    /**
     * Opens the registry, checks its root key against the one this user pinned (trust on first use), and its audit chain
     * against the head this user verified last.
     */
    public Registry openRegistry(SharedOptions options) {
        Registry registry = openRegistryCheckingRoot(options);
        // A first use walks the whole chain (seconds at 100 000 versions): a person at a terminal sees it count.
        WalkProgress progress = WalkProgress.forTerminal(this);
        TrustStore.HeadCheck head;
        try {
            head = TrustStore.load().checkHead(registry, progress::walked);
        } finally {
            // Wiped before a warning is printed, which would otherwise start on the count's line.
            progress.end();
        }
        warn(head);
        return registry;
    }

    /**
     * {@link #openRegistry} without the check of the chain since the pinned head, which walks the chain from there: for
     * {@code audit verify}, which walks the whole chain and makes that check from its own walk ({@link #warn}).
     */
    Registry openRegistryCheckingRoot(SharedOptions options) {
        Registry registry = withRegistryLocation(options, Registry::open);
        TrustStore.Check trust = TrustStore.load().check(registry);
        // A changed root key is always said; the first-use note only to a person at a terminal, so scripts and cron
        // jobs get clean output.
        boolean firstUse = trust.outcome() == TrustStore.Outcome.FIRST_USE;
        if (!trust.message().isEmpty() && (!firstUse || System.console() != null)) {
            err.println(trust.message());
        }
        return registry;
    }

    /** Says on stderr that the audit chain went backward or forked since this user verified it. */
    void warn(TrustStore.HeadCheck head) {
        if (head.alarming()) {
            err.println(head.message());
        }
    }

    /** The services of a registry this command opened, with this context's environment and clock. */
    public RegistryServices services(Registry registry) {
        return new RegistryServices(registry, environment, clock);
    }

    /**
     * A pretty-printing JSON writer onto {@link #out()} with {@link #printJson}'s conventions, for output written as it is
     * made (a list too long to hold); closing it flushes and leaves the stream open.
     */
    public com.fasterxml.jackson.core.JsonGenerator jsonStream() {
        try {
            com.fasterxml.jackson.core.JsonGenerator generator = Json.OUTPUT.createGenerator(out)
                    .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
            return generator;
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    /** {@code value}'s fields as {@link #printJson} names them, for output that adds fields of its own beside them. */
    public Map<String, Object> jsonFields(Object value) {
        return Json.OUTPUT.convertValue(value, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /**
     * Prints a result as JSON with snake_case field names, whatever Java type carries it, so every command's output
     * reads like the schema's columns ({@code request_id}, {@code model_id}) and scripts need one convention.
     */
    public void printJson(Object value) {
        try {
            out.println(Json.OUTPUT.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
