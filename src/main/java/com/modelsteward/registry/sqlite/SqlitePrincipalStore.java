package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.PrincipalRoles;
import com.modelsteward.registry.PrincipalStanding;
import com.modelsteward.registry.PrincipalStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link PrincipalStore} on SQLite. */
final class SqlitePrincipalStore implements PrincipalStore {

    private final Handle handle;

    SqlitePrincipalStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    private static final String ROLES_BY_NAME = "SELECT user_name, roles, active FROM principals ORDER BY user_name";

    @Override
    public List<PrincipalRoles> rolesByName() {
        return handle.createQuery(ROLES_BY_NAME)
                .map((rs, ctx) -> new PrincipalRoles(rs.getString("user_name"), rs.getString("roles"), rs.getInt("active") == 1)).list();
    }

    // rules, policy, command line and demo data

    private static final String STANDING = "SELECT roles, active FROM principals WHERE user_name = :u";

    @Override
    public Optional<PrincipalStanding> standing(String user) {
        return handle.createQuery(STANDING).bind("u", user)
                .map((rs, ctx) -> new PrincipalStanding(rs.getString(1), rs.getInt(2) == 1)).findOne();
    }

    private static final String ACTIVE_ADMINS = """
            SELECT count(*) FROM principals
             WHERE active = 1 AND ',' || replace(roles, ' ', '') || ',' LIKE '%,ADMIN,%'""";

    @Override
    public long activeAdmins() {
        return handle.createQuery(ACTIVE_ADMINS).mapTo(Long.class).one();
    }

    private static final String SET_STANDING = "UPDATE principals SET roles = :r, active = :a WHERE user_name = :u";

    @Override
    public void setStanding(String user, String roles, boolean active) {
        handle.createUpdate(SET_STANDING).bind("r", roles).bind("a", active ? 1 : 0).bind("u", user).execute();
    }

    /** The one way a principal is added (init, a granted role, the demos); active and created_at take their defaults. */
    private static final String INSERT =
            "INSERT INTO principals (user_name, display_name, roles, created_by) VALUES (:u, :d, :r, :by)";

    @Override
    public void insert(NewPrincipal principal) {
        handle.createUpdate(INSERT).bind("u", principal.user()).bind("d", principal.displayName()).bind("r", principal.roles())
                .bind("by", principal.createdBy()).execute();
    }

    @Override
    public void insertAll(List<NewPrincipal> principals) {
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (NewPrincipal principal : principals) {
            batch.bind("u", principal.user()).bind("d", principal.displayName()).bind("r", principal.roles())
                    .bind("by", principal.createdBy()).add();
        }
        batch.execute();
    }
}
