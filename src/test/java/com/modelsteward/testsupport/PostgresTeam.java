package com.modelsteward.testsupport;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A team on a fresh database of the suite's PostgreSQL server: the schema made by the superuser (as {@code init} by a
 * DBA), every person a login of their own with a password, in the group of their role. The registry object of each
 * person is opened once, as that login.
 */
public final class PostgresTeam implements Team {

    /** The server group of each person of {@link Team#MEMBERS}, the ADMIN, the pipeline and an auditor. */
    public static final Map<String, String> GROUPS = Map.of("ines", "steward_admin", "alice", "steward_analyst", "bob", "steward_analyst",
            "rachel", "steward_risk_officer", "omar", "steward_risk_officer", "tara", "steward_risk_officer", "pipe", "steward_pipeline",
            "audrey", "steward_auditor");

    private final PostgresServer server = PostgresServer.get();
    private final String database = server.freshDatabase();
    private final Map<String, Registry> open = new LinkedHashMap<>();

    public PostgresTeam() {
        owner();
        GROUPS.forEach((login, group) -> server.createLogin(login, group));
    }

    public PostgresServer server() {
        return server;
    }

    public String database() {
        return database;
    }

    @Override
    public String engine() {
        return "PostgreSQL";
    }

    /** The address {@code login} types, with the password they would type at the prompt. */
    public Location.Server address(String login) {
        Location.Server server = (Location.Server) Location.parse(this.server.url(login, database));
        return server.as(login, PostgresServer.passwordOf(login));
    }

    @Override
    public synchronized Registry as(String user) {
        return open.computeIfAbsent(user, login -> Registry.open(address(login)));
    }

    @Override
    public synchronized Registry owner() {
        return open.computeIfAbsent("(owner)", ignored -> Registry.create(Location.parse(server.superuserUrl(database))));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Registry::close);
        open.clear();
    }
}
