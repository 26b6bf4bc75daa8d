package com.modelsteward.drift;

import java.util.Arrays;

/**
 * Performance drift of a signal model (docs/drift.md): the rolling Sharpe ratio of daily returns over
 * {@link DriftPolicy#sharpeWindow()} days, annualised with √252, compared with the band mean ± k·σ of the rolling
 * Sharpe over the reference period. Decay of the latest value below the band is a breach (SEVERE); below mean − σ
 * but inside the band is MODERATE.
 */
public final class PerformanceDrift {

    private static final double ANNUALISE = Math.sqrt(252);

    private PerformanceDrift() {
    }

    /** @param currentSharpe rolling Sharpe of the current returns, one value per day from the window's end on */
    public record Result(double referenceMean, double referenceSigma, double lower, double upper, double[] currentSharpe,
                         Double latest, Severity severity) {
    }

    /** Rolling Sharpe: value i is over returns[i .. i+window−1]; NaN where the window has no spread. */
    public static double[] rollingSharpe(double[] returns, int window) {
        if (returns.length < window) {
            return new double[0];
        }
        double[] result = new double[returns.length - window + 1];
        for (int start = 0; start < result.length; start++) {
            double mean = 0;
            for (int i = start; i < start + window; i++) {
                mean += returns[i];
            }
            mean /= window;
            double squares = 0;
            for (int i = start; i < start + window; i++) {
                squares += (returns[i] - mean) * (returns[i] - mean);
            }
            double sd = Math.sqrt(squares / (window - 1));
            result[start] = sd > 0 ? mean / sd * ANNUALISE : Double.NaN;
        }
        return result;
    }

    public static Result evaluate(double[] referenceReturns, double[] currentReturns, DriftPolicy policy) {
        int window = policy.sharpeWindow();
        double[] reference = Arrays.stream(rollingSharpe(referenceReturns, window)).filter(Double::isFinite).toArray();
        double[] current = rollingSharpe(currentReturns, window);
        if (reference.length < 2) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, current, null, Severity.NO_DATA);
        }
        double mean = Arrays.stream(reference).average().orElse(Double.NaN);
        double sigma = Math.sqrt(Arrays.stream(reference).map(v -> (v - mean) * (v - mean)).sum() / (reference.length - 1));
        double lower = mean - policy.sharpeK() * sigma;
        double upper = mean + policy.sharpeK() * sigma;
        Double latest = null;
        for (int i = current.length - 1; i >= 0 && latest == null; i--) {
            if (Double.isFinite(current[i])) {
                latest = current[i];
            }
        }
        Severity severity = Severity.NORMAL;
        if (latest != null && latest < lower) {
            severity = Severity.SEVERE;
        } else if (latest != null && latest < mean - sigma) {
            severity = Severity.MODERATE;
        }
        return new Result(mean, sigma, lower, upper, current, latest, severity);
    }
}
