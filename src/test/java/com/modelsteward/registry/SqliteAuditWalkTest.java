package com.modelsteward.registry;

import com.modelsteward.testsupport.SqliteTeam;
import com.modelsteward.testsupport.Team;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit store's walks on a registry file. */
class SqliteAuditWalkTest extends AuditWalkContract {

    @TempDir
    Path dir;

    @Override
    protected Team newTeam() {
        return new SqliteTeam(dir);
    }
}
