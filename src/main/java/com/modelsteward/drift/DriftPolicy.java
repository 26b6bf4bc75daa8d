package com.modelsteward.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.modelsteward.json.JsonLimits;
import com.modelsteward.text.BoundedText;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The thresholds that turn drift statistics into a severity, and what a breach may offer (docs/drift.md, "Severity").
 *
 * @param moderatePsi    PSI from which a feature is MODERATE
 * @param severePsi      PSI from which a feature is SEVERE (LEARN_DRIFT_PSI_THRESH)
 * @param ksAlpha        KS raises to at least MODERATE only when p &lt; ksAlpha …
 * @param ksMinD         … and D ≥ ksMinD, so that huge samples do not alarm on trivial differences
 * @param offerRollback  whether the console's breach alert offers a rollback to last-known-good (always confirmed)
 * @param sharpeWindow   days in the rolling Sharpe of performance drift
 * @param sharpeK        the band is the reference period's mean ± k·σ of the rolling Sharpe
 * @param rateAlpha      significance of the two-proportion z-test of LLM refusal / schema-fail rates
 * @param rateMinDelta   the smallest absolute rate change that counts, whatever the z-test says
 */
public record DriftPolicy(
        String name,
        int bins,
        double moderatePsi,
        double severePsi,
        double ksAlpha,
        double ksMinD,
        boolean offerRollback,
        int sharpeWindow,
        double sharpeK,
        double rateAlpha,
        double rateMinDelta) {

    public static final String PSI_THRESHOLD_ENV = "LEARN_DRIFT_PSI_THRESH";

    /** L3-12's defaults: PSI 0.1 / 0.2, KS p &lt; 0.05 with D ≥ 0.1; rollback is offered (never automatic). */
    public static final DriftPolicy DEFAULT = new DriftPolicy("default", Psi.DEFAULT_BINS, 0.10, 0.20, 0.05, 0.10, true, 20, 2.0, 0.01, 0.02);
    /** The credit-risk industry convention: 0.10 / 0.25. */
    public static final DriftPolicy CREDIT_RISK = new DriftPolicy("credit-risk", Psi.DEFAULT_BINS, 0.10, 0.25, 0.05, 0.10, true, 20, 2.0, 0.01, 0.02);

    public DriftPolicy {
        if (bins < 2 || bins > Psi.MAX_BINS) {
            throw new IllegalArgumentException(binsBound(bins));
        }
        if (!(moderatePsi > 0 && moderatePsi <= severePsi)) {
            throw new IllegalArgumentException("PSI thresholds must satisfy 0 < moderate (" + moderatePsi + ") ≤ severe (" + severePsi + ")");
        }
    }

    /** A drift policy file is a handful of settings; these bound what is read (docs/security.md, "Input limits"). */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_LINE_CHARS = 10_000;
    private static final java.util.Set<String> FIELDS = java.util.Set.of("name", "bins", "moderatePsi", "severePsi", "ksAlpha", "ksMinD",
            "offerRollback", "sharpeWindow", "sharpeK", "rateAlpha", "rateMinDelta");

    public static DriftPolicy resolve(String presetOrFile) {
        return switch (presetOrFile.toLowerCase(Locale.ROOT)) {
            case "default", "l3-12" -> DEFAULT;
            case "credit-risk" -> CREDIT_RISK;
            default -> load(Path.of(presetOrFile));
        };
    }

    public static DriftPolicy load(Path file) {
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + " is neither a preset (default, credit-risk) nor a file");
        }
        String text;
        try {
            text = BoundedText.read(file, "a drift policy", "a drift policy in YAML or JSON", MAX_BYTES, MAX_LINE_CHARS);
        } catch (BoundedText.Refused refused) {
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + refused.getMessage());
        }
        ObjectMapper yaml = new ObjectMapper(JsonLimits.yamlFactory());
        try {
            Map<?, ?> fields = yaml.readValue(text, Map.class);
            if (fields == null) {
                throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + " holds only comments; expected a YAML or JSON map");
            }
            for (Object key : fields.keySet()) {
                if (!FIELDS.contains(String.valueOf(key))) {
                    throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + ": unknown field \"" + key + "\" (known: "
                            + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
                }
            }
            DriftPolicy base = DEFAULT;
            return new DriftPolicy(
                    String.valueOf(fields.containsKey("name") ? fields.get("name") : file.getFileName()),
                    bins(fields, base.bins(), file),
                    number(fields, "moderatePsi", base.moderatePsi(), file).doubleValue(),
                    number(fields, "severePsi", base.severePsi(), file).doubleValue(),
                    number(fields, "ksAlpha", base.ksAlpha(), file).doubleValue(),
                    number(fields, "ksMinD", base.ksMinD(), file).doubleValue(),
                    fields.containsKey("offerRollback") ? Boolean.parseBoolean(String.valueOf(fields.get("offerRollback"))) : base.offerRollback(),
                    number(fields, "sharpeWindow", base.sharpeWindow(), file).intValue(),
                    number(fields, "sharpeK", base.sharpeK(), file).doubleValue(),
                    number(fields, "rateAlpha", base.rateAlpha(), file).doubleValue(),
                    number(fields, "rateMinDelta", base.rateMinDelta(), file).doubleValue());
        } catch (JsonProcessingException invalid) {
            String line = invalid.getLocation() == null ? "" : " line " + invalid.getLocation().getLineNr();
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + line + " is not a YAML/JSON map: "
                    + JsonLimits.explain(invalid).lines().findFirst().orElse(""));
        } catch (IOException | ClassCastException unreadable) {
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + " is not a YAML/JSON map: " + unreadable.getMessage());
        } catch (IllegalArgumentException invalid) {
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + ": " + invalid.getMessage());
        }
    }

    /** The message for bins outside 2 … {@link Psi#MAX_BINS}, shared with the command line's --bins. */
    public static String binsBound(Object bins) {
        return "bins must be a whole number from 2 to " + Psi.MAX_BINS + ", not " + bins;
    }

    /** bins as written: a YAML 4294967298 or 12.5 must not narrow to a valid int. */
    private static int bins(Map<?, ?> fields, int fallback, Path file) {
        Number value = number(fields, "bins", fallback, file);
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        if (!whole || value.longValue() < 2 || value.longValue() > Psi.MAX_BINS) {
            throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + ": " + binsBound(value));
        }
        return value.intValue();
    }

    private static Number number(Map<?, ?> fields, String key, Number fallback, Path file) {
        Object value = fields.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number;
        }
        throw new DriftException("E_DRIFT_POLICY", "drift policy " + file + ": " + key + " must be a number, not \"" + value + "\"");
    }

    /** This policy with LEARN_DRIFT_PSI_THRESH from the environment applied, when it is set. */
    public DriftPolicy withEnvironment(Map<String, String> environment) {
        String text = environment.get(PSI_THRESHOLD_ENV);
        if (text == null || text.isBlank()) {
            return this;
        }
        double threshold;
        try {
            threshold = Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            throw new DriftException("E_DRIFT_POLICY", PSI_THRESHOLD_ENV + " must be a number, not \"" + text + "\"");
        }
        if (!(threshold >= moderatePsi)) {
            throw new DriftException("E_DRIFT_POLICY", PSI_THRESHOLD_ENV + " (" + text + ") must be at least the MODERATE threshold " + moderatePsi);
        }
        return new DriftPolicy(name, bins, moderatePsi, threshold, ksAlpha, ksMinD, offerRollback, sharpeWindow, sharpeK, rateAlpha, rateMinDelta);
    }

    public DriftPolicy withBins(int newBins) {
        return new DriftPolicy(name, newBins, moderatePsi, severePsi, ksAlpha, ksMinD, offerRollback, sharpeWindow, sharpeK, rateAlpha, rateMinDelta);
    }

    /** PSI sets the level; KS can only raise it to MODERATE, and only with both significance and effect size. */
    public Severity severity(Double psi, Double ksStatistic, Double ksPvalue) {
        Severity severity = Severity.NORMAL;
        if (psi != null) {
            if (psi >= severePsi) {
                severity = Severity.SEVERE;
            } else if (psi >= moderatePsi) {
                severity = Severity.MODERATE;
            }
        }
        if (ksStatistic != null && ksPvalue != null && ksPvalue < ksAlpha && ksStatistic >= ksMinD) {
            severity = severity.atLeast(Severity.MODERATE);
        }
        return severity;
    }
}
