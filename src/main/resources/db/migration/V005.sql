-- Indexes for the engine's lookups at scale (issue 9); see docs/schema.md, "Indexes for scale (schema V005)"

-- The ACTIVE (or PRODUCTION) version of a name, looked up with the live state bound as a parameter: the partial index
-- model_registry_one_active only serves the literal 'ACTIVE', and (model_name, created_at) walks all of a name's versions.
CREATE INDEX IF NOT EXISTS model_registry_name_state ON model_registry (model_name, state);
-- Retention keeps the newest retired, not archived versions of a type: with this index it reads only those.
CREATE INDEX IF NOT EXISTS model_registry_retention ON model_registry (model_type, state, archived, state_changed_at);
