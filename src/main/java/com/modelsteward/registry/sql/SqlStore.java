package com.modelsteward.registry.sql;

import com.modelsteward.registry.ApprovalStore;
import com.modelsteward.registry.AuditStore;
import com.modelsteward.registry.CatalogStore;
import com.modelsteward.registry.CopyStore;
import com.modelsteward.registry.DriftStore;
import com.modelsteward.registry.EventStore;
import com.modelsteward.registry.MetaStore;
import com.modelsteward.registry.ModelVersionStore;
import com.modelsteward.registry.PrincipalStore;
import com.modelsteward.registry.RequestStore;
import com.modelsteward.registry.RuleStore;
import com.modelsteward.registry.ScorecardStore;
import com.modelsteward.registry.Store;
import org.jdbi.v3.core.Handle;

/** The aggregates on one connection of any engine, inside whatever transaction the caller of {@link com.modelsteward.registry.Registry} began. */
public final class SqlStore implements Store {

    private final Handle handle;
    private final Dialect dialect;
    private ModelVersionStore versions;
    private ScorecardStore scorecards;
    private RequestStore requests;
    private ApprovalStore approvals;
    private AuditStore audit;
    private EventStore events;
    private PrincipalStore principals;
    private RuleStore rules;
    private DriftStore drift;
    private MetaStore meta;
    private CatalogStore catalog;
    private CopyStore copy;

    public SqlStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public ModelVersionStore versions() {
        if (versions == null) {
            versions = new SqlModelVersionStore(handle);
        }
        return versions;
    }

    @Override
    public ScorecardStore scorecards() {
        if (scorecards == null) {
            scorecards = new SqlScorecardStore(handle, dialect);
        }
        return scorecards;
    }

    @Override
    public RequestStore requests() {
        if (requests == null) {
            requests = new SqlRequestStore(handle, dialect);
        }
        return requests;
    }

    @Override
    public ApprovalStore approvals() {
        if (approvals == null) {
            approvals = new SqlApprovalStore(handle);
        }
        return approvals;
    }

    @Override
    public AuditStore audit() {
        if (audit == null) {
            audit = new SqlAuditStore(handle, dialect);
        }
        return audit;
    }

    @Override
    public EventStore events() {
        if (events == null) {
            events = new SqlEventStore(handle, audit());
        }
        return events;
    }

    @Override
    public PrincipalStore principals() {
        if (principals == null) {
            principals = new SqlPrincipalStore(handle);
        }
        return principals;
    }

    @Override
    public RuleStore rules() {
        if (rules == null) {
            rules = new SqlRuleStore(handle, dialect);
        }
        return rules;
    }

    @Override
    public DriftStore drift() {
        if (drift == null) {
            drift = new SqlDriftStore(handle);
        }
        return drift;
    }

    @Override
    public MetaStore meta() {
        if (meta == null) {
            meta = new SqlMetaStore(handle, dialect);
        }
        return meta;
    }

    @Override
    public CatalogStore catalog() {
        if (catalog == null) {
            catalog = new SqlCatalog(handle, dialect);
        }
        return catalog;
    }

    @Override
    public CopyStore copy() {
        if (copy == null) {
            copy = new SqlCopyStore(handle, dialect);
        }
        return copy;
    }
}
