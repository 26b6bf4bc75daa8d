package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.util.Set;

/**
 * How the window names the open registry: a file by its name (its path in the status bar), a server registry by its
 * database, its server and the login the server authenticated — never with a password, which no {@link Location}
 * shows.
 */
final class RegistryNames {

    private RegistryNames() {
    }

    /** "steward on db.example:5432". */
    static String serverName(Location.Server server) {
        return server.database() + " on " + server.server();
    }

    /** The window title: "Model Steward — demo.db", "Model Steward — steward on db.example:5432 · rachel". */
    static String title(Registry registry, String user) {
        String name = registry.location() instanceof Location.Server server ? serverName(server) + " · " + user
                : registry.location().shortName();
        return "Model Steward — " + name + (registry.isReadOnly() ? " (read-only)" : "");
    }

    /**
     * The status bar's registry: "Registry: /path/demo.db (schema v8)" for a file; for a server, with the login it
     * authenticated, "Registry: steward on db.example:5432 · logged in as rachel (RISK_OFFICER)".
     */
    static String registryStatus(Registry registry, String user, Set<String> roles) {
        if (registry.location() instanceof Location.Server server) {
            return "Registry: " + serverName(server) + " · logged in as " + user + standing(roles);
        }
        return "Registry: " + registry.location() + " (schema v" + registry.schemaVersion() + ")";
    }

    /** The status bar's user of a file, the OS account: "User: rachel (RISK_OFFICER)"; empty for a server (said above). */
    static String userStatus(Registry registry, String user, Set<String> roles) {
        return registry.location() instanceof Location.Server ? "" : "User: " + user + standing(roles);
    }

    private static String standing(Set<String> roles) {
        return roles.isEmpty() ? " (no role: view only)" : " (" + String.join(", ", roles) + ")";
    }
}
