package com.modelsteward.ui.drift;

import com.modelsteward.drift.PsiHistory;
import com.modelsteward.ui.common.ThemeColours;
import java.util.List;
import java.util.function.Function;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;

/**
 * PSI per day as a small line with the SEVERE threshold dashed and a dot on the latest day. Daily PSI of small windows is
 * noisy (docs/drift.md), so the sparkline shows the trend only; severity is the table's badge.
 */
final class SparklineCell<S> extends TableCell<S, List<PsiHistory.Point>> {

    private static final double WIDTH = 100;
    private static final double HEIGHT = 22;

    private final double threshold;
    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private Function<String, Color> colours;

    SparklineCell(double threshold) {
        this.threshold = threshold;
        ThemeColours.follow(this, themed -> {
            colours = themed;
            updateItem(getItem(), isEmpty());
        });
    }

    @Override
    protected void updateItem(List<PsiHistory.Point> history, boolean empty) {
        super.updateItem(history, empty);
        setText(null);
        if (empty || history == null || history.size() < 2) {
            setGraphic(null);
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        double max = Math.max(threshold * 1.25, history.stream().mapToDouble(PsiHistory.Point::psi).max().orElse(0));
        double pad = 3;
        double thresholdY = y(threshold, max, pad);
        Color fail = colours.apply("-color-fail");
        g.setStroke(fail.deriveColor(0, 1, 1, 0.7));
        g.setLineWidth(1);
        g.setLineDashes(3, 3);
        g.strokeLine(0, thresholdY, WIDTH, thresholdY);
        g.setLineDashes();
        Color line = colours.apply("-color-accent");
        g.setStroke(line);
        g.setLineWidth(1.4);
        g.beginPath();
        for (int i = 0; i < history.size(); i++) {
            double x = pad + (WIDTH - 2 * pad) * i / (history.size() - 1);
            double y = y(history.get(i).psi(), max, pad);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        double lastY = y(history.getLast().psi(), max, pad);
        g.setFill(line);
        g.fillOval(WIDTH - pad - 5, lastY - 2.5, 5, 5);
        setGraphic(canvas);
    }

    private static double y(double psi, double max, double pad) {
        return HEIGHT - pad - (HEIGHT - 2 * pad) * Math.min(psi, max) / max;
    }
}
