package com.modelsteward.scorecards;

import com.modelsteward.csv.CsvWriter;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.MetricRules.Direction;
import com.modelsteward.scorecards.MetricRules.Gate;
import com.modelsteward.scorecards.MetricRules.Outcome;
import com.modelsteward.scorecards.MetricRules.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Versions side by side, pack × metric: each version's value, its delta to the baseline, the gate threshold and the
 * gate's verdict, taking the metric's direction into account. A scorecard that is absent stays {@code null} — shown as
 * "missing", never as zero.
 */
public final class ScorecardComparison {

    /** One compared version. */
    public record Version(String modelId, String label, String modelType, List<Scorecard> scorecards) {
    }

    /** One version's entry in a row. {@code value} and {@code delta} are null when missing. */
    public record Cell(Double value, Double delta, Verdict verdict) {
    }

    public record Row(String packId, String metric, Direction direction, Optional<Gate> gate, List<Cell> cells) {

        public String threshold() {
            return gate.map(Gate::describe).orElse("—");
        }
    }

    private final List<Version> versions;
    private final int baselineIndex;
    private final List<Row> rows;

    private ScorecardComparison(List<Version> versions, int baselineIndex, List<Row> rows) {
        this.versions = versions;
        this.baselineIndex = baselineIndex;
        this.rows = rows;
    }

    /** @param baselineIndex the version the others are compared with, or -1 for none (then only absolute gates judge) */
    public static ScorecardComparison compare(List<Version> versions, int baselineIndex, MetricRules rules) {
        if (baselineIndex >= versions.size()) {
            throw new IllegalArgumentException("baseline " + baselineIndex + " is not one of the " + versions.size() + " versions");
        }
        List<Map<String, Double>> values = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        for (Version version : versions) {
            Map<String, Double> byKey = new HashMap<>();
            for (Scorecard scorecard : version.scorecards()) {
                String key = scorecard.packId() + "\u0000" + scorecard.metric();
                keys.add(key);
                if (scorecard.value() != null) {
                    byKey.put(key, scorecard.value());
                }
            }
            values.add(byKey);
        }
        String type = baselineIndex >= 0 ? versions.get(baselineIndex).modelType()
                : versions.isEmpty() ? null : versions.getFirst().modelType();
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            String pack = key.substring(0, key.indexOf('\u0000'));
            String metric = key.substring(key.indexOf('\u0000') + 1);
            Optional<Gate> gate = rules.gate(type, pack, metric);
            Double baseline = baselineIndex >= 0 ? values.get(baselineIndex).get(key) : null;
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                Double value = values.get(i).get(key);
                Double delta = value != null && baseline != null && i != baselineIndex ? value - baseline : null;
                cells.add(new Cell(value, delta, verdict(i == baselineIndex, value, baseline, baselineIndex >= 0, gate)));
            }
            rows.add(new Row(pack, metric, rules.direction(type, metric), gate, List.copyOf(cells)));
        }
        return new ScorecardComparison(List.copyOf(versions), baselineIndex, List.copyOf(rows));
    }

    private static Verdict verdict(boolean isBaseline, Double value, Double baseline, boolean hasBaseline, Optional<Gate> gate) {
        if (isBaseline) {
            return new Verdict(value == null ? Outcome.MISSING : Outcome.BASELINE, value == null ? "baseline scorecard missing" : "baseline");
        }
        if (gate.isEmpty()) {
            return new Verdict(value == null ? Outcome.MISSING : Outcome.NO_GATE, value == null ? "scorecard missing" : "no gate on this metric");
        }
        return gate.get().evaluate(value, baseline, hasBaseline);
    }

    public List<Version> versions() {
        return versions;
    }

    public int baselineIndex() {
        return baselineIndex;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> packs() {
        return rows.stream().map(Row::packId).distinct().toList();
    }

    public List<String> metrics() {
        return rows.stream().map(Row::metric).distinct().sorted().toList();
    }

    public Optional<Row> row(String packId, String metric) {
        return rows.stream().filter(r -> r.packId().equals(packId) && r.metric().equals(metric)).findFirst();
    }

    /** Whether every gated row passes for the version at {@code index}; a missing gated scorecard fails. */
    public boolean passesAllGates(int index) {
        return rows.stream().filter(r -> r.gate().isPresent()).allMatch(r -> r.cells().get(index).verdict().outcome() == Outcome.PASS);
    }

    /**
     * The comparison as CSV (RFC 4180) through {@link CsvWriter}: a text cell beginning with = + - @ gets a leading quote so
     * that a spreadsheet never runs it as a formula; numbers, negative ones included, stay numbers.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("pack", "metric", "direction", "threshold"));
        for (int i = 0; i < versions.size(); i++) {
            String label = versions.get(i).label() + (i == baselineIndex ? " (baseline)" : "");
            header.add(label + " value");
            if (i != baselineIndex) {
                header.add(label + " delta");
                header.add(label + " gate");
            }
        }
        appendLine(csv, header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.packId(), row.metric(), row.direction().words(), row.threshold()));
            for (int i = 0; i < versions.size(); i++) {
                Cell cell = row.cells().get(i);
                cells.add(cell.value() == null ? "missing" : number(cell.value()));
                if (i != baselineIndex) {
                    cells.add(cell.delta() == null ? "" : number(cell.delta()));
                    cells.add(cell.verdict().outcome().label());
                }
            }
            appendLine(csv, cells);
        }
        return csv.toString();
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }

    private static void appendLine(StringBuilder csv, List<String> cells) {
        csv.append(String.join(",", cells.stream().map(CsvWriter::cell).toList())).append("\r\n");
    }
}
