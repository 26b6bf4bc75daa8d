package com.modelsteward.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a registry is: a SQLite file, or a database on a PostgreSQL server ({@code postgresql://[user@]host[:port]/dbname
 * [?sslmode=…]}, libpq's URI form, or the same with {@code jdbc:} in front). What a user types in {@code --db} and in the
 * console's Open dialog; {@link #toString} is how it is shown, never with a password.
 */
public sealed interface Location permits Location.File, Location.Server {

    /** The part of an address that tells a server from a file. */
    String SERVER_SCHEME = "postgresql://";

    /** Reads what a user typed: a server address when it starts with {@code postgresql://} or {@code postgres://}, else a file. */
    static Location parse(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            trimmed = trimmed.substring(5);
            lower = lower.substring(5);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return Server.parse(trimmed);
        }
        if (lower.startsWith("postgresql:") || lower.startsWith("postgres:")) {
            throw new RegistryException("E_USAGE", "\"" + text + "\" is not a server address; write postgresql://[user@]host[:port]/database");
        }
        return new File(Path.of(trimmed));
    }

    /** Whether {@code text} names a server rather than a file. */
    static boolean isServer(String text) {
        String lower = text.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^jdbc:", "");
        return lower.startsWith("postgresql:") || lower.startsWith("postgres:");
    }

    /** A key that stays the same for the same registry whoever opens it (pinned keys and heads are kept under it). */
    String key();

    /** A short name for titles and banners: the file name, or "database on host". */
    String shortName();

    /** The folder that relative artifact paths of this registry start from: the file's folder, or the working folder. */
    Path folder();

    /** A SQLite registry file. */
    record File(Path path) implements Location {

        public File {
            path = path.toAbsolutePath().normalize();
        }

        @Override
        public String key() {
            return path.toString();
        }

        @Override
        public String shortName() {
            return String.valueOf(path.getFileName());
        }

        @Override
        public Path folder() {
            return path.getParent();
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A registry database on a PostgreSQL server. {@code user} empty means the login libpq would use (the OS account);
     * {@code parameters} are the URI's query parameters (sslmode, sslrootcert, connect_timeout, …). A password written in
     * the address is kept for the connection only: it is never part of {@link #toString} or {@link #key}.
     */
    final class Server implements Location {

        /** The query parameters the driver understands under the same name as libpq; others are refused with a sentence. */
        public static final Set<String> PARAMETERS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout",
                "application_name", "options", "target_session_attrs");

        private final String host;
        private final int port;
        private final String database;
        private final String user;
        private final String password;
        private final Map<String, String> parameters;

        public Server(String host, int port, String database, String user, String password, Map<String, String> parameters) {
            this.host = host;
            this.port = port;
            this.database = database;
            this.user = user == null ? "" : user;
            this.password = password;
            this.parameters = Map.copyOf(parameters);
        }

        static Server parse(String text) {
            String address = text.replaceFirst("(?i)^postgres(ql)?://", "postgresql://");
            URI uri;
            try {
                uri = new URI(address);
            } catch (URISyntaxException bad) {
                throw new RegistryException("E_USAGE", "\"" + redact(text) + "\" is not a server address (" + bad.getReason()
                        + "); write postgresql://[user@]host[:port]/database");
            }
            String host = uri.getHost();
            if (host == null || host.isBlank()) {
                throw new RegistryException("E_USAGE", "\"" + redact(text) + "\" names no server; write postgresql://[user@]host[:port]/database");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
            if (path.isBlank() || path.contains("/")) {
                throw new RegistryException("E_USAGE", "\"" + redact(text) + "\" names no database; write postgresql://[user@]"
                        + host + "[:port]/database");
            }
            String user = "";
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            if (uri.getRawQuery() != null && !uri.getRawQuery().isBlank()) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    String key = decode(kv[0]);
                    if (!PARAMETERS.contains(key)) {
                        throw new RegistryException("E_USAGE", "the server address has an unknown parameter \"" + key + "\"; known: "
                                + String.join(", ", PARAMETERS.stream().sorted().toList()));
                    }
                    parameters.put(key, kv.length > 1 ? decode(kv[1]) : "");
                }
            }
            return new Server(host, uri.getPort() < 0 ? 5432 : uri.getPort(), decode(path), user, password, parameters);
        }

        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        /** The address with any password taken out, for a message about an address that did not parse. */
        private static String redact(String text) {
            return text.replaceFirst("(//[^/@:]*):[^@/]*@", "$1:…@");
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }

        public String database() {
            return database;
        }

        /** The login named in the address; empty when the address names none. */
        public String user() {
            return user;
        }

        /** The password to log in with: written in the address (libpq allows it) or found by {@code ServerLogin}. */
        public Optional<String> password() {
            return Optional.ofNullable(password);
        }

        public Map<String, String> parameters() {
            return parameters;
        }

        /** The same server and database as {@code login} with {@code password} (null: none known yet). */
        public Server as(String login, String password) {
            return new Server(host, port, database, login, password, parameters);
        }

        /** The server and port, as messages name it. */
        public String server() {
            return host + ":" + port;
        }

        @Override
        public String key() {
            return SERVER_SCHEME + host + ":" + port + "/" + database;
        }

        @Override
        public String shortName() {
            return database + " on " + host;
        }

        @Override
        public Path folder() {
            return Path.of("").toAbsolutePath();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(SERVER_SCHEME);
            if (!user.isEmpty()) {
                text.append(user).append('@');
            }
            text.append(host).append(':').append(port).append('/').append(database);
            if (parameters.containsKey("sslmode")) {
                text.append("?sslmode=").append(parameters.get("sslmode"));
            }
            return text.toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Server that && that.toString().equals(toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }
}
