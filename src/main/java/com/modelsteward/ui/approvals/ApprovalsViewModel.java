package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceDesk;
import com.modelsteward.ui.common.AppContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The approvals queue: pending requests and decided ones, filtered by text and by gate result. */
public final class ApprovalsViewModel {

    public static final String ALL = "All";
    public static final String GATES_PASS = "All gates pass";
    public static final String GATES_FAIL = "Gates failing";

    private final AppContext context;
    private final ObservableList<GovernanceDesk.QueueRow> rows = FXCollections.observableArrayList();
    private final FilteredList<GovernanceDesk.QueueRow> pending = new FilteredList<>(rows, r -> r.status().equals("PENDING"));
    private final FilteredList<GovernanceDesk.QueueRow> decided = new FilteredList<>(rows, r -> !r.status().equals("PENDING"));
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty gateFilter = new SimpleStringProperty(ALL);
    private final ObservableList<String> gateChoices = FXCollections.observableArrayList(ALL, GATES_PASS, GATES_FAIL);

    public ApprovalsViewModel(AppContext context) {
        this.context = context;
        search.addListener((obs, old, now) -> applyFilter());
        gateFilter.addListener((obs, old, now) -> applyFilter());
    }

    public void refresh() {
        context.tasks().run("Loading the approvals queue", () -> new GovernanceActions(context).desk().queue(), rows::setAll,
                failure -> context.showFailure("Cannot load the approvals queue", failure));
    }

    /** The navigation badge: the number of pending requests, empty when none. Runs SQL: call off the FX thread. */
    public static String badge(AppContext context) {
        long count = context.catalog().pendingRequestCount();
        return count == 0 ? "" : Long.toString(count);
    }

    private void applyFilter() {
        Predicate<GovernanceDesk.QueueRow> matches = predicate(search.get(), gateFilter.get());
        pending.setPredicate(r -> r.status().equals("PENDING") && matches.test(r));
        decided.setPredicate(r -> !r.status().equals("PENDING") && matches.test(r));
    }

    static Predicate<GovernanceDesk.QueueRow> predicate(String text, String gates) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return row -> (gates == null || ALL.equals(gates)
                || GATES_PASS.equals(gates) && row.gateFailures() == 0
                || GATES_FAIL.equals(gates) && row.gateFailures() > 0)
                && (needle.isEmpty() || List.of(row.requestId(), row.modelId(), row.requestedBy(), row.toState(), row.fromState(),
                        row.decidedBy() == null ? "" : row.decidedBy()).stream()
                        .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(needle)));
    }

    /** "✔ all pass", "✖ 2 failed" or "— no gates" (a rollback or a transition without gate checks). */
    public static String gateSummary(GovernanceDesk.QueueRow row) {
        if (row.gateFailures() < 0) {
            return "— no gate report";
        }
        return row.gateFailures() == 0 ? "✔ all pass" : "✖ " + row.gateFailures() + " failed";
    }

    public ObservableList<GovernanceDesk.QueueRow> allRows() {
        return rows;
    }

    public ObservableList<GovernanceDesk.QueueRow> pending() {
        return pending;
    }

    public ObservableList<GovernanceDesk.QueueRow> decided() {
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
