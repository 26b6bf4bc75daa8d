package com.modelsteward.drift;

import java.util.Map;

/**
 * One result as stored in {@code model_drift}, whatever its kind, with the metric that decides a breach.
 *
 * @param metric     "psi", "rate_delta" or "rolling_sharpe": what {@code value} and {@code threshold} measure
 * @param threshold  where SEVERE begins for that metric (the band's lower edge for rolling Sharpe)
 */
public record DriftRow(String feature, String kind, Double psi, Double ksStatistic, Double ksPvalue, Double ksLocation,
                       long nReference, long nCurrent, long nDropped, Severity severity, String metric, Double value,
                       Double threshold, Map<String, Object> details) {

    static DriftRow of(FeatureDrift drift, DriftPolicy policy) {
        return new DriftRow(drift.feature(), drift.kind(), drift.psi(), drift.ksStatistic(), drift.ksPvalue(), drift.ksLocation(),
                drift.nReference(), drift.nCurrent(), drift.nDropped(), drift.severity(), "psi", drift.psi(), policy.severePsi(),
                Map.of("bins", drift.referenceShares().length));
    }
}
