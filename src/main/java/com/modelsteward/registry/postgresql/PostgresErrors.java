package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.RegistryException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The server's errors as one sentence that names the server and what to do; a refusal by the registry keeps its code. */
final class PostgresErrors {

    /** A refusal raised by the registry's own triggers and functions: "E_CODE: sentence". */
    private static final Pattern REFUSAL = Pattern.compile("^(E_[A-Z_]+): (.+)$", Pattern.DOTALL);

    /** The server wants a password and none was given: the console and a terminal ask for one and try again. */
    static final String PASSWORD_NEEDED = RegistryException.PASSWORD_NEEDED;

    private PostgresErrors() {
    }

    /** Only failures after which the transaction certainly rolled back: a lock not granted in time, a serialization failure, a deadlock. */
    static boolean isRetryable(Throwable failure) {
        String state = sqlState(failure);
        return "55P03".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    static RegistryException translate(Throwable failure, Location.Server server, Duration waited) {
        if (failure instanceof RegistryException registryError) {
            return registryError;
        }
        String state = sqlState(failure);
        String message = serverMessage(failure);
        String where = server.toString();
        String login = server.user().isEmpty() ? "your login" : server.user();
        if (state == null) {
            return new RegistryException("E_REGISTRY", where + ": " + message, failure);
        }
        Matcher refusal = REFUSAL.matcher(message);
        if (refusal.find()) {
            // The same code and sentence as a SQLite trigger's refusal, so the engine and the user read one refusal either way.
            return new RegistryException("E_REGISTRY_REFUSED", where + ": the registry refused the change: " + refusal.group(1) + ": "
                    + refusal.group(2).strip(), failure);
        }
        if ("08004".equals(state) && message.contains("no password")) {
            return new RegistryException(PASSWORD_NEEDED, "the server " + server.server() + " asks for " + login
                    + "'s password; put it in ~/.pgpass (or PGPASSFILE, PGPASSWORD), or run from a terminal to be asked", failure);
        }
        String sslMode = server.parameters().getOrDefault("sslmode", "");
        if ("08004".equals(state) && Set.of("require", "verify-ca", "verify-full").contains(sslMode) && message.contains("SSL")) {
            return new RegistryException("E_REGISTRY_UNREACHABLE", "the server " + server.server() + " does not offer TLS, and the address "
                    + "requires it (sslmode=" + sslMode + "); nothing was sent. Ask the server's DBA to turn TLS on (a lower sslmode "
                    + "sends passwords and data unencrypted)", failure);
        }
        return switch (state) {
            case "28P01" -> new RegistryException("E_REGISTRY_AUTH", "the server " + server.server() + " refused the password for "
                    + login + " (database " + server.database() + ")", failure);
            case "28000" -> new RegistryException("E_REGISTRY_NOT_ALLOWED", "the server " + server.server() + " does not let " + login
                    + " connect to database " + server.database() + " (" + message + ")", failure);
            case "3D000" -> new RegistryException("E_REGISTRY_MISSING", "the server " + server.server() + " has no database \""
                    + server.database() + "\"; ask the DBA to create it, then run `init --db " + where + "`", failure);
            case "42501" -> new RegistryException("E_PRIVILEGE", where + ": " + login + " may not do this (" + message + "); nothing was written",
                    failure);
            case "23505" -> new RegistryException("E_REGISTRY_REFUSED", where + ": the registry already holds a row with this key ("
                    + message + "); nothing was written", failure);
            case "55P03", "40001", "40P01" -> new RegistryException("E_REGISTRY_LOCKED", where + " is busy with another writer (still busy after "
                    + Math.max(1, waited == null ? 0 : waited.toSeconds()) + " s); nothing was written; try again in a moment", failure);
            case "25006" -> new RegistryException("E_REGISTRY_READ_ONLY", where + " is open read-only: the change was not written", failure);
            case "53100", "53200", "53300" -> new RegistryException("E_REGISTRY_FULL", where + ": the server is out of resources ("
                    + message + "); nothing was written", failure);
            default -> connectionProblem(state) ? new RegistryException("E_REGISTRY_UNREACHABLE", "cannot reach the server "
                    + server.server() + " for database " + server.database() + ": " + connectionReason(failure, server, message)
                    + (state.startsWith("08") && isMidTransaction(failure) ? " (the change may not have been written; check before you retry)" : ""),
                    failure)
                    : new RegistryException("E_REGISTRY", where + ": " + message, failure);
        };
    }

    /** Why a connection could not be made, in the words of the person who typed the address rather than the driver's. */
    private static String connectionReason(Throwable failure, Location.Server server, String message) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "the connection was refused (is the server running, and listening on port " + server.port() + "?)";
            }
            if (t instanceof UnknownHostException) {
                return "no host named " + server.host() + " is known";
            }
            if (t instanceof SocketTimeoutException) {
                return "the server did not answer in time";
            }
        }
        return message;
    }

    /** Class 08 (connection exception), 57P0x (the server is shutting down), and the driver's own I/O failures. */
    private static boolean connectionProblem(String state) {
        return state.startsWith("08") || state.startsWith("57P");
    }

    private static boolean isMidTransaction(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        return text.contains("commit") || text.contains("COMMIT");
    }

    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The server's own sentence, without the driver's "ERROR:" prefix and PL/pgSQL context lines. */
    static String serverMessage(Throwable failure) {
        String text = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                if (server != null && server.getMessage() != null) {
                    return server.getMessage();
                }
            }
            if (t.getMessage() != null && text == null) {
                text = t.getMessage();
            }
        }
        return text == null ? failure.getClass().getSimpleName() : text.lines().findFirst().orElse(text).replaceFirst("^ERROR:\\s*", "");
    }
}
