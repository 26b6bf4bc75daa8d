package com.modelsteward.registry;

import com.modelsteward.testsupport.PostgresTeam;
import com.modelsteward.testsupport.Team;
import org.junit.jupiter.api.Tag;

/** The audit store's walks on a PostgreSQL server, where a query's whole result comes before its first row is read. */
@Tag("postgresql")
class PostgresAuditWalkTest extends AuditWalkContract {

    @Override
    protected Team newTeam() {
        return new PostgresTeam();
    }
}
