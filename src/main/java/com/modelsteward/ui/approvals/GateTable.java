package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GateReport;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.StyleClasses;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The gate report as the risk officer reads it: one row per (pack, metric), the verdict as symbol and word. */
final class GateTable {

    private static final List<String> VERDICT_STYLES = List.of("verdict-pass", "verdict-fail");
    private static final List<String> FAIL_ROW_STYLES = List.of("gate-row-fail");

    private GateTable() {
    }

    static TableView<GateReport.GateCheck> of(String id, GateReport report) {
        TableView<GateReport.GateCheck> table = new TableView<>(FXCollections.observableArrayList(
                report == null ? List.of() : report.checks()));
        table.setId(id);
        table.getStyleClass().add("gate-table");
        table.setPlaceholder(new Label("This transition asks for no gate checks."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Columns.text("Pack", GateReport.GateCheck::pack, 130));
        table.getColumns().add(Columns.text("Metric", GateReport.GateCheck::metric, 140));
        table.getColumns().add(numeric("Candidate", c -> Format.number(c.candidate())));
        table.getColumns().add(numeric("Baseline", c -> Format.number(c.baseline())));
        table.getColumns().add(numeric("Delta", c -> Format.signed(c.delta())));
        table.getColumns().add(Columns.text("Threshold", c -> threshold(c.comparison()), 190));
        TableColumn<GateReport.GateCheck, String> result = Columns.text("Result", GateTable::resultText, 200);
        result.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                StyleClasses.swap(this, empty || text == null ? null : text.startsWith("✔") ? "verdict-pass" : "verdict-fail",
                        VERDICT_STYLES);
            }
        });
        table.getColumns().add(result);
        table.setRowFactory(ignored -> new TableRow<>() {
            @Override
            protected void updateItem(GateReport.GateCheck check, boolean empty) {
                super.updateItem(check, empty);
                StyleClasses.swap(this, !empty && check != null && !check.passed() ? "gate-row-fail" : null, FAIL_ROW_STYLES);
            }
        });
        int rows = Math.max(2, table.getItems().size());
        table.setFixedCellSize(28);
        table.setPrefHeight(30 + rows * 28);
        table.setMinHeight(table.getPrefHeight());
        return table;
    }

    /** The engine's rule in words, with a negative zero ("delta <= -0.0") written as the plain 0 it means. */
    static String threshold(String comparison) {
        return comparison == null ? "—" : comparison.replaceAll("-0\\.0(?![0-9])", "0.0");
    }

    static String resultText(GateReport.GateCheck check) {
        return check.passed() ? "✔ PASS" : "✖ FAIL — " + check.reason();
    }

    private static TableColumn<GateReport.GateCheck, String> numeric(String title, java.util.function.Function<GateReport.GateCheck, String> value) {
        TableColumn<GateReport.GateCheck, String> column = Columns.text(title, value, 100);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    /** One line per prerequisite (artifacts, time in state): ✔/✖, its name and what was found. */
    static VBox prerequisites(GateReport report) {
        VBox box = new VBox(4);
        box.setId("prerequisites");
        if (report == null || report.prerequisites().isEmpty()) {
            box.getChildren().add(DialogFrame.muted("This transition has no prerequisites."));
            return box;
        }
        for (GateReport.PrerequisiteCheck check : report.prerequisites()) {
            box.getChildren().add(DialogFrame.verdict(check.passed(), check.name().replace('_', ' ') + ": " + check.detail()));
        }
        return box;
    }

    /** "✔ All 3 checks pass against momentum_xgb-3.1.0" or "✖ 1 of 3 checks fails: …". */
    static Label summary(GateReport report) {
        if (report == null) {
            return DialogFrame.verdict(false, "No gate report.");
        }
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        String against = report.baselineModelId() == null ? " (absolute thresholds: no ACTIVE version to compare with)"
                : " against the ACTIVE " + report.baselineModelId();
        if (failed == 0) {
            return DialogFrame.verdict(true, "All " + report.checks().size() + " gate checks pass" + against + ".");
        }
        List<String> names = report.checks().stream().filter(c -> !c.passed()).map(c -> c.pack() + "/" + c.metric()).toList();
        return DialogFrame.verdict(false, failed + " of " + report.checks().size() + " gate checks fail" + against + ": "
                + String.join(", ", names) + ".");
    }
}
