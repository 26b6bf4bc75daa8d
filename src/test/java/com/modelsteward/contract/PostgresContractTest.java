package com.modelsteward.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.testsupport.PostgresTeam;
import com.modelsteward.testsupport.Team;
import java.util.List;
import org.junit.jupiter.api.Tag;

/** The contract on a PostgreSQL server, each person logged in as themselves. */
@Tag("postgresql")
class PostgresContractTest extends GovernanceContract {

    @Override
    protected Team newTeam() {
        return new PostgresTeam();
    }

    @Override
    protected void forgedApprovalIs(Runnable forge) {
        RegistryException refused = assertThrows(RegistryException.class, forge::run);
        assertTrue(refused.getMessage().contains("E_IDENTITY"), refused.getMessage());
    }

    /** The pipeline's login, which may insert samples and nothing that governs. */
    @Override
    protected void pipelineInserts(List<DriftSampleRow> samples) {
        team.as("pipe").write(store -> {
            store.drift().insertSamples(samples);
            return null;
        });
    }

    /** Only the owner (here the superuser) may switch a table's triggers off; the registry's people may not (PostgresBypassTest). */
    @Override
    protected void ownerEditsBehindTheTriggers(String table, String sql) {
        team.owner().writeHandle(h -> {
            h.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            h.execute(sql);
            h.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            return null;
        });
    }
}
