package com.modelsteward.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.testsupport.SqliteTeam;
import com.modelsteward.testsupport.Team;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a registry file. */
class SqliteContractTest extends GovernanceContract {

    @TempDir
    Path dir;

    @Override
    protected Team newTeam() {
        return new SqliteTeam(dir);
    }

    @Override
    protected void forgedApprovalIs(Runnable forge) {
        forge.run();
        SignatureAudit.Report report = SignatureAudit.verify(team.owner());
        assertFalse(report.ok());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("rachel")), String.join("\n", report.problems()));
    }

    @Override
    protected void pipelineInserts(List<DriftSampleRow> samples) {
        team.owner().write(store -> {
            store.drift().insertSamples(samples);
            return null;
        });
    }

    /** Whoever can write the file can drop a trigger: SQLite detects what follows, it cannot refuse it. */
    @Override
    protected void ownerEditsBehindTheTriggers(String table, String sql) {
        team.owner().writeHandle(h -> {
            h.execute("DROP TRIGGER IF EXISTS " + table + "_no_update");
            h.execute(sql);
            return null;
        });
    }
}
