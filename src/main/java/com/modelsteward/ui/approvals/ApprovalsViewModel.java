package com.modelsteward.ui.approvals;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.ui.common.AppContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The approvals queue: pending model requests and rule changes, and decided ones, filtered by text and by gate result. */
public final class ApprovalsViewModel {

    public static final String ALL = "All";
    public static final String GATES_PASS = "All gates pass";
    public static final String GATES_FAIL = "Gates failing";

    private final AppContext context;
    private final ObservableList<ReviewDesk.QueueRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ReviewDesk.QueueRow> pending = new FilteredList<>(rows, r -> r.status().equals("PENDING"));
    private final FilteredList<ReviewDesk.QueueRow> decided = new FilteredList<>(rows, r -> !r.status().equals("PENDING"));
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty gateFilter = new SimpleStringProperty(ALL);
    private final ObservableList<String> gateChoices = FXCollections.observableArrayList(ALL, GATES_PASS, GATES_FAIL);

    public ApprovalsViewModel(AppContext context) {
        this.context = context;
        search.addListener((obs, old, now) -> applyFilter());
        gateFilter.addListener((obs, old, now) -> applyFilter());
    }

    /** Loads model requests and rule changes (policy, roles, deactivations) into one queue. */
    public void refresh() {
        context.tasks().run("Loading the approvals queue", () -> {
            List<ReviewDesk.QueueRow> queue = new ArrayList<>(new GovernanceCommands(context).desk().queue());
            RuleChanges.list(context.registry()).stream().map(ApprovalsViewModel::ruleRow).forEach(queue::add);
            queue.sort(Comparator.comparing(ReviewDesk.QueueRow::requestedAt, Comparator.nullsFirst(Comparator.reverseOrder())));
            return queue;
        }, rows::setAll, failure -> context.showFailure("Cannot load the approvals queue", failure));
    }

    /** The navigation badge: pending requests and rule changes, empty when none. Runs SQL: call off the FX thread. */
    public static String badge(AppContext context) {
        long count = context.catalog().pendingRequestCount() + RuleChanges.pendingCount(context.registry());
        return count == 0 ? "" : Long.toString(count);
    }

    /**
     * A rule change as a queue row: its kind label ("Policy change", "Role grant", …), what it targets in the model column,
     * what it does in the change column, one approval by a second ADMIN needed (none when applied by a single ADMIN).
     */
    static ReviewDesk.QueueRow ruleRow(RuleChanges.RuleChange change) {
        String target = change.kind().policy() ? "policy " + change.policyName() : change.targetUser();
        String why = change.fourEyes() ? "needs a second ADMIN (four eyes)" : "applied at once: " + RuleChanges.SINGLE_ADMIN;
        return new ReviewDesk.QueueRow(change.changeId(), change.kind().label(), null, target, "", null, change.summary(),
                change.requestedBy(), change.requestedAt(), why, change.status(), -1, List.of(), "APPLIED".equals(change.status()) ? 1 : 0,
                change.fourEyes() ? 1 : 0, change.decidedAt(), change.decidedBy(), change.decisionComment());
    }

    /** "Promotion", "Rollback", or a rule change's kind ("Policy change", "Role grant", …). */
    public static String kindLabel(ReviewDesk.QueueRow row) {
        if (RuleChanges.isChangeId(row.requestId()) || row.kind() == null || row.kind().isEmpty()) {
            return row.kind();
        }
        return row.kind().charAt(0) + row.kind().substring(1).toLowerCase(Locale.ROOT);
    }

    /** "SHADOW → ACTIVE" for a model request, what a rule change does ("grant ADMIN to rita") for a rule change. */
    public static String change(ReviewDesk.QueueRow row) {
        return row.fromState() == null ? row.toState() : row.fromState() + " → " + row.toState();
    }

    private void applyFilter() {
        Predicate<ReviewDesk.QueueRow> matches = predicate(search.get(), gateFilter.get());
        pending.setPredicate(r -> r.status().equals("PENDING") && matches.test(r));
        decided.setPredicate(r -> !r.status().equals("PENDING") && matches.test(r));
    }

    static Predicate<ReviewDesk.QueueRow> predicate(String text, String gates) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return row -> (gates == null || ALL.equals(gates)
                || GATES_PASS.equals(gates) && row.gateFailures() == 0
                || GATES_FAIL.equals(gates) && row.gateFailures() > 0)
                && (needle.isEmpty() || Stream.of(row.requestId(), row.modelId(), row.modelName(), row.kind(), row.requestedBy(),
                        row.toState(), row.fromState(), row.decidedBy())
                        .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(needle)));
    }

    /** "✔ all pass", "✖ 2 failed" or "— no gates" (a rollback or a transition without gate checks). */
    public static String gateSummary(ReviewDesk.QueueRow row) {
        if (row.gateFailures() < 0) {
            return "— no gate report";
        }
        return row.gateFailures() == 0 ? "✔ all pass" : "✖ " + row.gateFailures() + " failed";
    }

    public ObservableList<ReviewDesk.QueueRow> allRows() {
        return rows;
    }

    public ObservableList<ReviewDesk.QueueRow> pending() {
        return pending;
    }

    public ObservableList<ReviewDesk.QueueRow> decided() {
        return decided;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty gateFilterProperty() {
        return gateFilter;
    }

    public ObservableList<String> gateChoices() {
        return gateChoices;
    }
}
