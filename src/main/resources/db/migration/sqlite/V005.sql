-- Indexes for scale (issue 9): the console's read queries (CatalogQueryPlanTest) and the engine's lookups (QueryPlanTest)

-- The Models view lists versions newest first: read in index order instead of sorting every row.
CREATE INDEX IF NOT EXISTS model_registry_created ON model_registry (created_at DESC, model_id);
-- The latest drift result per (model, feature, kind) is a GROUP BY over this covering index, not a subquery per row.
CREATE INDEX IF NOT EXISTS model_drift_latest ON model_drift (model_id, feature, drift_kind, drift_id);

-- The ACTIVE (or PRODUCTION) version of a name, looked up with the live state bound as a parameter: the partial index
-- model_registry_one_active only serves the literal 'ACTIVE', and (model_name, created_at) walks all of a name's versions.
CREATE INDEX IF NOT EXISTS model_registry_name_state ON model_registry (model_name, state);
-- Retention keeps the newest retired, not archived versions of a type: with this index it reads only those.
CREATE INDEX IF NOT EXISTS model_registry_retention ON model_registry (model_type, state, archived, state_changed_at);
