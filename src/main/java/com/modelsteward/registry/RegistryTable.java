package com.modelsteward.registry;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every table that holds a registry's data (all but {@code schema_version}, which each engine's migrations write), with its
 * columns as docs/schema.md lists them, in an order the foreign keys allow inserting them in: what {@code migrate}
 * copies. {@code RegistryTableTest} holds this list to the schema of both engines, so a column added by a migration
 * and not here fails the build rather than being left behind by a copy.
 *
 * <p>Each table is read in the order of its key, which is also its primary key: the ids the engines generate
 * ({@link #identity}) are copied as they are.
 */
public enum RegistryTable {

    REGISTRY_META("registry_meta", false, text("key"), text("value")),
    PRINCIPALS("principals", false, text("user_name"), text("display_name"), text("roles"), text("public_key"), integer("active"),
            text("created_at"), text("created_by"), text("key_endorsed_by"), text("key_endorsement"), text("key_enrolled_at")),
    MODEL_REGISTRY("model_registry", false, text("model_id"), text("model_name"), text("model_type"), text("version"), text("state"),
            text("parent_id"), text("path_ref"), text("training_config_json"), text("training_config_hash"), text("data_snapshot_ref"),
            text("data_snapshot_hash"), text("feature_graph_hash"), text("code_commit"), text("created_at"), text("created_by"),
            text("updated_at"), integer("row_version"), text("state_changed_at"), integer("archived")),
    SCORECARDS("scorecards", true, integer("scorecard_id"), text("model_id"), text("pack_id"), text("metric"), real("value"),
            text("generated_at"), text("source")),
    SCORECARD_IMPORTS("scorecard_imports", false, text("file_sha256"), text("file_name"), integer("rows"), integer("models"),
            text("model_ids_sha256"), text("source"), text("imported_by"), text("imported_at")),
    TRANSITION_REQUESTS("transition_requests", false, text("request_id"), text("model_id"), text("from_state"), text("to_state"),
            text("requested_by"), text("requested_at"), text("justification"), text("status"), text("gate_report_json"),
            integer("gate_passed"), integer("model_row_version"), text("scorecard_digest"), integer("required_approvals"),
            text("required_role"), text("decided_at"), text("executed_at"), text("kind"), text("policy_name")),
    APPROVALS("approvals", true, integer("approval_id"), text("request_id"), text("approver"), text("decision"), text("comment"),
            text("decided_at"), text("signature")),
    ACTIVE_POINTER("active_pointer", false, text("model_name"), text("active_model_id"), text("last_known_good_id"), text("updated_at"),
            text("updated_by")),
    AUDIT_LOG("audit_log", true, integer("seq"), text("ts"), text("actor"), text("action"), text("entity"), text("payload_json"),
            text("prev_hash"), text("hash")),
    AUDIT_SIGNATURES("audit_signatures", true, integer("signature_id"), integer("seq"), text("head_hash"), text("signer"),
            text("signed_at"), text("signature")),
    RULE_CHANGES("rule_changes", false, text("change_id"), text("kind"), text("target"), text("target_user"), text("role"),
            text("policy_name"), text("policy_text"), text("policy_format"), text("policy_sha256"), text("base_sha256"),
            text("requested_by"), text("requested_at"), text("requester_signature"), integer("four_eyes"), text("status"),
            text("decided_by"), text("decided_at"), text("decision_comment"), text("decision_signature")),
    MODEL_DRIFT("model_drift", true, integer("drift_id"), text("model_id"), text("feature"), text("drift_kind"), real("psi"),
            real("ks_statistic"), real("ks_pvalue"), integer("n_reference"), integer("n_current"), integer("n_dropped"), text("severity"),
            text("window_start"), text("window_end"), text("computed_at"), text("details_json"), text("policy_name"),
            real("ks_location")),
    INCIDENTS("incidents", true, integer("incident_id"), text("code"), text("model_id"), text("feature"), text("drift_kind"),
            text("severity"), text("metric"), real("value"), real("threshold"), integer("drift_id"), text("status"), text("opened_at"),
            text("opened_by"), text("closed_at"), text("closed_by"), text("details_json")),
    DRIFT_SAMPLES("drift_samples", true, integer("sample_id"), text("model_id"), text("feature"), text("role"), real("value"),
            text("category"), text("observed_at")),
    EVENTS("events", true, integer("event_id"), text("event_type"), text("payload_json"), text("created_at"), text("published_at"));

    /**
     * The tables each engine fills from the others by trigger, which a copy therefore does not copy: the copy's own
     * triggers fill them as its rows arrive ({@code audit_mentions} from {@code audit_log}, after {@code model_registry}).
     */
    public static final Set<String> DERIVED = Set.of("audit_mentions");

    /** What a column holds: SQLite's TEXT, INTEGER and REAL, PostgreSQL's text, bigint or integer, and double precision. */
    public enum Kind { TEXT, INTEGER, REAL }

    public record Column(String name, Kind kind) {
    }

    private final String sqlName;
    private final boolean identity;
    private final List<Column> columns;

    RegistryTable(String sqlName, boolean identity, Column... columns) {
        this.sqlName = sqlName;
        this.identity = identity;
        this.columns = List.of(columns);
    }

    private static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    private static Column integer(String name) {
        return new Column(name, Kind.INTEGER);
    }

    private static Column real(String name) {
        return new Column(name, Kind.REAL);
    }

    /** The table's name in both schemas. */
    public String sqlName() {
        return sqlName;
    }

    /** Its columns, the key first. */
    public List<Column> columns() {
        return columns;
    }

    /** The primary key: one column, the first. */
    public Column key() {
        return columns.getFirst();
    }

    /** Whether the key is a number the engine generates (SQLite's rowid, PostgreSQL's identity column). */
    public boolean identity() {
        return identity;
    }

    /** The columns as a select or insert list names them. */
    public String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
