package com.modelsteward.drift;

import java.util.Locale;

/**
 * Which drift a {@code drift_samples} feature stands for, by naming convention (docs/schema.md, "Drift (schema V003)"):
 * {@code prediction*} are the model's outputs, {@value #RETURNS} the realised daily returns of a signal model,
 * {@value #REFUSAL} / {@value #SCHEMA_FAIL} 0/1 outcomes and {@value #LATENCY} latencies of a prompt pack; the rest are features.
 */
public final class DriftKinds {

    public static final String FEATURE = "FEATURE";
    public static final String PREDICTION = "PREDICTION";
    public static final String PERFORMANCE = "PERFORMANCE";
    public static final String LLM = "LLM";

    public static final String RETURNS = "daily_return";
    public static final String REFUSAL = "llm_refusal";
    public static final String SCHEMA_FAIL = "llm_schema_fail";
    public static final String LATENCY = "llm_latency_ms";

    private DriftKinds() {
    }

    public static String of(String feature) {
        String name = feature.toLowerCase(Locale.ROOT);
        if (name.startsWith("prediction")) {
            return PREDICTION;
        }
        if (name.equals(RETURNS)) {
            return PERFORMANCE;
        }
        if (name.startsWith("llm_")) {
            return LLM;
        }
        return FEATURE;
    }

    public static boolean isRate(String feature) {
        return feature.equals(REFUSAL) || feature.equals(SCHEMA_FAIL);
    }
}
