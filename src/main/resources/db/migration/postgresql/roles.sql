-- The cluster-wide group roles of a Model Steward registry on PostgreSQL (docs/security.md, "PostgreSQL")
-- Run by a superuser or a CREATEROLE login, before V008.sql and whenever in doubt: every step checks first, so running it
-- again changes nothing. The groups cannot log in and hold no CREATEROLE; this script grants no group WITH ADMIN OPTION.
-- People are logins that a role administrator makes members of one group each (GRANT steward_analyst TO ana).
-- A CREATEROLE login that is not a superuser is, on PostgreSQL 16 and later, given ADMIN OPTION on each group it creates
-- by the server itself: that is how it manages memberships afterwards, and why it must never be a console user.
DO $roles$
DECLARE
    -- steward_owner owns every object (migrations only); steward_console is what every console person may do;
    -- steward_pipeline is the trading system's writer; steward_auditor only reads.
    groups CONSTANT text[] := ARRAY['steward_owner', 'steward_console', 'steward_analyst', 'steward_risk_officer',
                                    'steward_admin', 'steward_pipeline', 'steward_auditor'];
    -- Each person's group carries the console's privileges by membership.
    consoles CONSTANT text[] := ARRAY['steward_analyst', 'steward_risk_officer', 'steward_admin'];
    g text;
BEGIN
    FOREACH g IN ARRAY groups LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', g);
        EXCEPTION WHEN duplicate_object THEN
            NULL;
        END;
        -- A group someone made by hand, or changed since, is put back: a group that can log in or make roles would be
        -- a way around every grant below.
        IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = g
                      AND (r.rolcanlogin OR r.rolsuper OR r.rolcreatedb OR r.rolcreaterole OR r.rolreplication OR r.rolbypassrls)) THEN
            EXECUTE format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', g);
        END IF;
    END LOOP;
    FOREACH g IN ARRAY consoles LOOP
        -- Granting a membership that exists would still need ADMIN OPTION on steward_console: check first.
        IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                        WHERE m.roleid = 'steward_console'::regrole AND m.member = g::regrole) THEN
            EXECUTE format('GRANT steward_console TO %I', g);
        END IF;
    END LOOP;
END
$roles$;
