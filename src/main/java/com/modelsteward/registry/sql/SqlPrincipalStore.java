package com.modelsteward.registry.sql;

import com.modelsteward.registry.EnrolledKey;
import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.PrincipalRoles;
import com.modelsteward.registry.PrincipalStanding;
import com.modelsteward.registry.PrincipalStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link PrincipalStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlPrincipalStore implements PrincipalStore {

    private final Handle handle;

    SqlPrincipalStore(Handle handle) {
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

    // signing and trust

    private static final String PRINCIPAL_SQL =
            "SELECT user_name, roles, active, public_key, key_endorsed_by, key_endorsement, key_enrolled_at FROM principals WHERE user_name = :u";

    @Override
    public Optional<EnrolledKey> enrolledKey(String user) {
        return handle.createQuery(PRINCIPAL_SQL).bind("u", user)
                .map((row, ctx) -> new EnrolledKey(row.getString("user_name"), row.getString("public_key"), row.getString("key_endorsed_by"),
                        row.getString("key_endorsement"), row.getString("key_enrolled_at")))
                .findOne();
    }

    @Override
    public Optional<EnrolledKey> submittedKey(String user) {
        return handle.createQuery("SELECT public_key, key_endorsed_by, key_endorsement FROM principals WHERE user_name = :u")
                .bind("u", user)
                .map((row, ctx) -> new EnrolledKey(user, row.getString(1), row.getString(2), row.getString(3), null))
                .findOne();
    }

    @Override
    public Optional<String> publicKey(String user) {
        return handle.createQuery("SELECT public_key FROM principals WHERE user_name = :u").bind("u", user).mapTo(String.class).findOne();
    }

    @Override
    public Optional<String> roles(String user) {
        return handle.createQuery("SELECT roles FROM principals WHERE user_name = :u").bind("u", user).mapTo(String.class).findOne();
    }

    @Override
    public Optional<String> activeRoles(String user) {
        return handle.createQuery("SELECT roles FROM principals WHERE user_name = :u AND active = 1").bind("u", user)
                .mapTo(String.class).findOne();
    }

    @Override
    public List<String> selfEndorsed() {
        return handle.createQuery(
                        "SELECT user_name FROM principals WHERE key_endorsed_by = user_name AND public_key IS NOT NULL ORDER BY user_name")
                .mapTo(String.class).list();
    }

    @Override
    public List<String> withKeys() {
        return handle.createQuery("SELECT user_name FROM principals WHERE public_key IS NOT NULL ORDER BY user_name")
                .mapTo(String.class).list();
    }

    @Override
    public List<String> namesWithFirst(String first) {
        return handle.createQuery("SELECT user_name FROM principals ORDER BY user_name = :root DESC, user_name")
                .bind("root", first).mapTo(String.class).list();
    }

    @Override
    public void setKey(String user, String publicKey, String endorsedBy, String endorsement, String enrolledAt) {
        handle.createUpdate("""
                        UPDATE principals SET public_key = :k, key_endorsed_by = :by, key_endorsement = :sig, key_enrolled_at = :at
                         WHERE user_name = :u""")
                .bind("k", publicKey).bind("by", endorsedBy).bind("sig", endorsement).bind("at", enrolledAt)
                .bind("u", user).execute();
    }

    @Override
    public void endorseKey(String user, String endorsedBy, String endorsement, String enrolledAt) {
        handle.createUpdate("UPDATE principals SET key_endorsed_by = :by, key_endorsement = :sig, key_enrolled_at = :at WHERE user_name = :u")
                .bind("by", endorsedBy).bind("sig", endorsement).bind("at", enrolledAt).bind("u", user).execute();
    }

    private static final String PRINCIPALS_SQL =
            "SELECT user_name, roles, active, public_key, key_endorsed_by, key_endorsement, key_enrolled_at FROM principals";

    @Override
    public List<Map<String, Object>> rowsAsStored(Set<String> users) {
        return users == null ? handle.createQuery(PRINCIPALS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(PRINCIPALS_SQL + " WHERE user_name IN (<a>)"), users, null);
    }

}
