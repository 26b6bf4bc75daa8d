package com.modelsteward.policy;

/**
 * One acceptance gate on one metric. The direction is explicit so every reader (engine, scorecard views) agrees on
 * which way is better.
 *
 * <ul>
 *   <li>With an ACTIVE baseline and {@code minImprovement} set: improvement ≥ minImprovement, where improvement is
 *       candidate − baseline when higher is better and baseline − candidate when lower is better
 *       (ΔSharpe ≥ +0.10 is {@code minImprovement: 0.10}; drawdown not worse by more than 0.02 is {@code -0.02}).</li>
 *   <li>Otherwise, with {@code threshold} set: candidate ≥ threshold (higher is better) or ≤ threshold (lower is better).</li>
 *   <li>{@link Direction#IN_BAND}: bandLow ≤ candidate ≤ bandHigh, whatever the baseline.</li>
 * </ul>
 */
public record GateSpec(String metric, Direction direction, Double minImprovement, Double threshold, Double bandLow, Double bandHigh) {

    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER, IN_BAND
    }
}
