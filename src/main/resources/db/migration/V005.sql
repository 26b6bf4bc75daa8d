-- Indexes for the console's read queries at 100 000 versions (issue 9; checked by CatalogQueryPlanTest).
-- The Models view lists versions newest first: read in index order instead of sorting every row.
CREATE INDEX IF NOT EXISTS model_registry_created ON model_registry (created_at DESC, model_id);
-- The latest drift result per (model, feature, kind) is a GROUP BY over this covering index, not a subquery per row.
CREATE INDEX IF NOT EXISTS model_drift_latest ON model_drift (model_id, feature, drift_kind, drift_id);
