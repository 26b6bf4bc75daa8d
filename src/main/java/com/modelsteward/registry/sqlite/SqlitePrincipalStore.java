package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.PrincipalRoles;
import com.modelsteward.registry.PrincipalStore;
import java.util.List;
import org.jdbi.v3.core.Handle;

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
}
