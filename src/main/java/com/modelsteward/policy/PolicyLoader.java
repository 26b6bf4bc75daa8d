package com.modelsteward.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.json.JsonLimits;
import com.modelsteward.text.BoundedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads policies (YAML or JSON) and resolves them. Precedence, lowest first:
 * <ol>
 *   <li>the built-in L3-12 policy ({@code policies/l3-12.yaml}): its defaults, then its rules for the model type;</li>
 *   <li>the policy file's {@code defaults};</li>
 *   <li>the policy file's {@code types.<model_type>} override;</li>
 *   <li>the environment keys LEARN_GATE_DELTA_SHARPE, LEARN_GATE_MAXDD_TOL (as −tolerance on max_drawdown),
 *       LEARN_SHADOW_DURATION_DAYS, LEARN_EVAL_PACKS (comma-separated) and LEARN_RETAIN_RETIRED.</li>
 * </ol>
 * The environment keys apply as given only on a demo registry. With {@link Environment#tightenOnly} (every other
 * registry, docs/decisions/0012) a key applies only where it tightens the rules below it — a larger minimum improvement, a
 * smaller drawdown tolerance, a longer shadow period, more packs — and LEARN_RETAIN_RETIRED never applies; a key that is
 * ignored gives one warning ({@link Policy#environmentWarnings()}). Each type's rules keep the keys that applied to them,
 * and its gate reports record them.
 * Lists ({@code states}, {@code transitions}, {@code evalPacks}) replace the lower level's list; settings and gates
 * merge field by field, gates keyed by metric.
 */
public final class PolicyLoader {

    /** The limits of a policy file (docs/security.md, "Input limits"); a real policy stays far below each. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_LINE_CHARS = 10_000;
    public static final int MAX_KEYS = 10_000;
    public static final int MAX_VALUES = 10_000;
    public static final int MAX_DEPTH = 16;
    public static final int MAX_STATES = 100;
    public static final int MAX_STRING_CHARS = 1_000;

    public static final String BUILT_IN = "l3-12.yaml";
    public static final String LIFECYCLE_004 = "lifecycle-004.yaml";

    record ApprovalsFile(Integer count, String role) {
    }

    record TransitionFile(String from, String to, List<String> requires, ApprovalsFile approvals) {
    }

    record GateFile(GateSpec.Direction direction, Double minImprovement, Double threshold, List<Double> band) {

        GateFile over(GateFile lower) {
            if (lower == null) {
                return this;
            }
            return new GateFile(direction != null ? direction : lower.direction,
                    minImprovement != null ? minImprovement : lower.minImprovement,
                    threshold != null ? threshold : lower.threshold,
                    band != null ? band : lower.band);
        }
    }

    record RulesFile(List<String> evalPacks, Integer shadowDurationDays, Integer retainRetired, LinkedHashMap<String, GateFile> gates) {

        static final RulesFile EMPTY = new RulesFile(null, null, null, null);

        RulesFile over(RulesFile lower) {
            if (lower == null) {
                return this;
            }
            LinkedHashMap<String, GateFile> merged = new LinkedHashMap<>();
            if (lower.gates != null) {
                merged.putAll(lower.gates);
            }
            if (gates != null) {
                gates.forEach((metric, gate) -> merged.put(metric, gate == null ? null : gate.over(merged.get(metric))));
            }
            return new RulesFile(evalPacks != null ? evalPacks : lower.evalPacks,
                    shadowDurationDays != null ? shadowDurationDays : lower.shadowDurationDays,
                    retainRetired != null ? retainRetired : lower.retainRetired, merged);
        }
    }

    record PolicyFile(String name, List<String> states, String initialState, String liveState, String retiredState,
                      List<TransitionFile> transitions, RulesFile defaults, LinkedHashMap<String, RulesFile> types) {
    }

    /**
     * The LEARN_* keys and how they may apply.
     *
     * @param tightenOnly true on a registry that is not a demo: a key may only tighten the policy
     */
    public record Environment(Map<String, String> values, boolean tightenOnly) {

        public Environment {
            values = Map.copyOf(values);
        }

        /** The keys as given (a demo registry, or a policy read without a registry). */
        public static Environment asGiven(Map<String, String> values) {
            return new Environment(values, false);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String get(String key) {
            return values.get(key);
        }
    }

    private PolicyLoader() {
    }

    /** The built-in L3-12 policy with the environment's LEARN_* keys applied. */
    public static Policy builtIn(Map<String, String> env) {
        return builtIn(Environment.asGiven(env));
    }

    /** The built-in L3-12 policy with the LEARN_* keys applied as {@code env} allows. */
    public static Policy builtIn(Environment env) {
        return resolve(builtInFile(), null, null, env, CanonicalJson.sha256Hex(resourceText(BUILT_IN)));
    }

    /** A policy shipped in {@code src/main/resources/policies/}, overlaying the built-in one. */
    public static Policy shipped(String resourceName, Map<String, String> env) {
        return resolve(builtInFile(), readResource(resourceName), "policies/" + resourceName, Environment.asGiven(env),
                CanonicalJson.sha256Hex(resourceText(resourceName)));
    }

    /** A policy file (.yaml, .yml or .json) overlaying the built-in one. */
    public static Policy load(Path file, Map<String, String> env) {
        return load(file, Environment.asGiven(env));
    }

    /** A policy file overlaying the built-in one, with the LEARN_* keys applied as {@code env} allows. */
    public static Policy load(Path file, Environment env) {
        boolean yaml = isYaml(file);
        return fromText(readText(file), file.toString(), yaml, env);
    }

    /** True for .yaml and .yml, false for .json; refuses any other name before the file is opened. */
    public static boolean isYaml(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".json")) {
            throw invalid("policy file " + file + " must end in .yaml, .yml or .json");
        }
        return yaml;
    }

    /**
     * The text of a policy file, read within {@link #MAX_BYTES} and {@link #MAX_LINE_CHARS}: a regular file's size is
     * checked before it is opened, and the bytes are counted while reading, because pipes and devices report no size.
     */
    public static String readText(Path file) {
        try {
            return BoundedText.read(file, "a policy file", "a policy in YAML or JSON", MAX_BYTES, MAX_LINE_CHARS);
        } catch (BoundedText.Refused refused) {
            throw invalid(refused.getMessage());
        }
    }

    /** A policy held as text (a file's content, or the copy an ADMIN stored in the registry) overlaying the built-in one. */
    public static Policy fromText(String text, String source, boolean yaml, Map<String, String> env) {
        return fromText(text, source, yaml, Environment.asGiven(env));
    }

    /** A policy held as text overlaying the built-in one, with the LEARN_* keys applied as {@code env} allows. */
    public static Policy fromText(String text, String source, boolean yaml, Environment env) {
        return resolve(builtInFile(), parse(text, source, yaml), source, env, CanonicalJson.sha256Hex(text));
    }

    /** The built-in policy's records: {@link BuiltInPolicy}, what {@code policies/l3-12.yaml} parses to (ADR 29). */
    private static PolicyFile builtInFile() {
        return BuiltInPolicy.file();
    }

    private static PolicyFile readResource(String name) {
        return parse(resourceText(name), "policies/" + name, true);
    }

    private static String resourceText(String name) {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/policies/" + name)) {
            if (in == null) {
                throw new GovernanceException("E_POLICY_INVALID", "no shipped policy named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * One mapper per format, made on first use: a mapper keeps what it has learnt of the policy's records, so a repeated
     * parse does not learn them again (docs/performance.md, "Where a start's CPU went"). Configured once and then only
     * read, which Jackson allows from any thread.
     */
    private static final class YamlPolicies {
        static final ObjectMapper MAPPER = strict(YAMLMapper.builder(JsonLimits.yamlFactory()));
    }

    /** As {@link YamlPolicies}, for policies in JSON. */
    private static final class JsonPolicies {
        static final ObjectMapper MAPPER = strict(JsonMapper.builder(JsonLimits.jsonFactory()));
    }

    private static ObjectMapper strict(MapperBuilder<?, ?> builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    static PolicyFile parse(String text, String source, boolean yaml) {
        ObjectMapper mapper = yaml ? YamlPolicies.MAPPER : JsonPolicies.MAPPER;
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        try {
            checkShape(mapper, text, source, yaml, keyLines);
            PolicyFile file = mapper.readValue(text, PolicyFile.class);
            if (file == null) {
                throw invalid(source + " is empty; expected a policy in YAML or JSON");
            }
            return file;
        } catch (UnrecognizedPropertyException unknown) {
            // Jackson's location is where it stopped reading, often the next line; the shape pass saw the key itself.
            Integer line = keyLines.get(path(unknown.getPath()));
            String known = unknown.getKnownPropertyIds() == null ? "" : " (known: " + String.join(", ",
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")";
            throw invalid(source + (line == null ? where(unknown.getLocation()) : " line " + line) + ": unknown field \""
                    + unknown.getPropertyName() + "\"" + known);
        } catch (JsonProcessingException invalid) {
            MarkedYAMLException yamlProblem = yamlProblem(invalid);
            if (yamlProblem != null) {
                throw invalid(source + where(yamlProblem) + ": " + explain(yamlProblem));
            }
            throw invalid(source + where(invalid.getLocation()) + ": " + JsonLimits.explain(invalid));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * One streaming pass over the policy before it is mapped: refuses what mapping would silently change (a second
     * document is ignored, an alias becomes the anchor's name as text) and holds keys, values, nesting and text to the
     * limits a policy needs, naming the line of the first excess.
     */
    private static void checkShape(ObjectMapper mapper, String text, String source, boolean yaml, Map<String, Integer> keyLines)
            throws IOException {
        try (JsonParser parser = mapper.createParser(text)) {
            int depth = 0;
            int keys = 0;
            int values = 0;
            boolean rootDone = false;
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw invalid(source + " holds only comments; expected a policy in YAML or JSON");
            }
            for (; token != null; token = parser.nextToken()) {
                String at = source + " line " + parser.currentTokenLocation().getLineNr();
                if (rootDone) {
                    throw invalid(at + ": " + (yaml ? "a second YAML document starts here; a policy file holds one document"
                            : "unexpected content after the policy"));
                }
                if (parser instanceof YAMLParser yamlParser) {
                    if (yamlParser.isCurrentAlias()) {
                        throw invalid(at + ": the alias *" + parser.getText() + " is not allowed in a policy; write the value out");
                    }
                    if (yamlParser.getObjectId() != null) {
                        throw invalid(at + ": the anchor &" + yamlParser.getObjectId() + " is not allowed in a policy; write the value out");
                    }
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw invalid(at + ": the policy is nested more than " + MAX_DEPTH + " levels deep");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (++keys > MAX_KEYS) {
                            throw invalid(at + ": the policy has more than " + MAX_KEYS + " keys");
                        }
                        requireShort(at, "a key", parser.currentName());
                        keyLines.putIfAbsent(path(parser.getParsingContext()), parser.currentTokenLocation().getLineNr());
                    }
                    default -> {
                        if (++values > MAX_VALUES) {
                            throw invalid(at + ": the policy has more than " + MAX_VALUES + " values");
                        }
                        if (token == JsonToken.VALUE_STRING) {
                            requireShort(at, "a text value", parser.getText());
                        }
                    }
                }
                rootDone = depth == 0;
            }
        }
    }

    /** The key's path as "defaults/gates/sharpe/minImprovement", list items by index. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? String.valueOf(c.getCurrentIndex()) : String.valueOf(c.getCurrentName()));
        }
        return String.join("/", parts);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        return String.join("/", references.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
    }

    private static void requireShort(String at, String what, String value) {
        if (value.length() > MAX_STRING_CHARS) {
            throw invalid(at + ": " + what + " is longer than " + MAX_STRING_CHARS + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw invalid(at + ": " + what + " holds the control character U+" + String.format(Locale.ROOT, "%04X", (int) c)
                        + ", which a policy may not contain");
            }
        }
    }

    private static MarkedYAMLException yamlProblem(Throwable problem) {
        for (Throwable cause = problem; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String where(MarkedYAMLException problem) {
        Mark mark = problem.getProblemMark() != null ? problem.getProblemMark() : problem.getContextMark();
        return mark == null ? "" : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** SnakeYAML's problem in one sentence, without its multi-line excerpt of the file. */
    private static String explain(MarkedYAMLException problem) {
        String what = problem.getProblem() == null ? "the YAML is malformed" : problem.getProblem().strip();
        if (what.contains("(TAB)")) {
            return "a tab character here is not allowed in YAML; indent with spaces";
        }
        if (what.startsWith("The incoming YAML document exceeds the limit")) {
            return "the YAML is longer than its limit";
        }
        String context = problem.getContext() == null ? "" : problem.getContext().strip() + ": ";
        return ("YAML " + context + what).replaceAll("\\s+", " ");
    }

    public static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * @param origin where {@code file} was read from, named in every message (null for the built-in policy alone)
     * @param digest the SHA-256 of the text the policy was read from (the built-in file's when there is no other)
     */
    static Policy resolve(PolicyFile builtIn, PolicyFile file, String origin, Environment env, String digest) {
        PolicyFile top = file == null ? builtIn : file;
        String name = top.name() != null ? top.name() : builtIn.name();
        List<String> states = top.states() != null ? top.states() : builtIn.states();
        String initial = top.initialState() != null ? top.initialState() : builtIn.initialState();
        String live = top.liveState() != null ? top.liveState() : builtIn.liveState();
        String retired = top.retiredState() != null ? top.retiredState() : builtIn.retiredState();
        List<TransitionFile> transitionFiles = top.transitions() != null ? top.transitions() : builtIn.transitions();
        String source = origin == null ? "policy " + name : origin + " (policy " + name + ")";

        checkStates(source, states, initial, live, retired);
        List<Policy.Transition> transitions = transitions(source, states, live, transitionFiles);

        RulesFile fileDefaults = file == null || file.defaults() == null ? RulesFile.EMPTY : file.defaults();
        RulesFile baseDefaults = orEmpty(builtIn.defaults());
        Map<String, String> warnings = new LinkedHashMap<>();
        Policy.TypeRules defaults = rules(source, "defaults", fileDefaults.over(baseDefaults), env, warnings);
        Set<String> typeNames = new LinkedHashSet<>();
        if (builtIn.types() != null) {
            typeNames.addAll(builtIn.types().keySet());
        }
        if (file != null && file.types() != null) {
            typeNames.addAll(file.types().keySet());
        }
        Map<String, Policy.TypeRules> types = new LinkedHashMap<>();
        for (String type : typeNames) {
            RulesFile builtInType = builtIn.types() == null ? null : builtIn.types().get(type);
            RulesFile fileType = file == null || file.types() == null ? null : file.types().get(type);
            RulesFile merged = orEmpty(builtInType).over(baseDefaults);
            merged = fileDefaults.over(merged);
            merged = orEmpty(fileType).over(merged);
            types.put(type, rules(source, "types." + type, merged, env, warnings));
        }
        return new Policy(name, digest, states, initial, live, retired, transitions, defaults, types, List.copyOf(warnings.values()));
    }

    private static RulesFile orEmpty(RulesFile rules) {
        return rules == null ? RulesFile.EMPTY : rules;
    }

    private static void checkStates(String source, List<String> states, String initial, String live, String retired) {
        if (states == null || states.isEmpty()) {
            throw invalid(source + ": states must list at least one state");
        }
        if (states.size() > MAX_STATES) {
            throw invalid(source + ": states lists " + states.size() + " states; a policy may declare at most " + MAX_STATES);
        }
        Set<String> seen = new HashSet<>();
        for (String state : states) {
            if (state == null || !state.matches("[A-Z][A-Z0-9_]*")) {
                throw invalid(source + ": state \"" + state + "\" must be upper case letters, digits and _");
            }
            if (!seen.add(state)) {
                throw invalid(source + ": state " + state + " is declared twice");
            }
        }
        if (!List.of("ACTIVE", "PRODUCTION").contains(live)) {
            throw invalid(source + ": liveState must be ACTIVE or PRODUCTION, the states the registry's triggers guard (not " + live + ")");
        }
        String[][] roles = {{"initialState", initial}, {"liveState", live}, {"retiredState", retired}};
        for (String[] role : roles) {
            if (!states.contains(role[1])) {
                throw invalid(source + ": " + role[0] + " " + role[1] + " is not one of the declared states " + states);
            }
        }
    }

    private static List<Policy.Transition> transitions(String source, List<String> states, String live, List<TransitionFile> files) {
        if (files == null || files.isEmpty()) {
            throw invalid(source + ": transitions must list at least one transition");
        }
        List<Policy.Transition> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            TransitionFile t = files.get(i);
            String where = source + ": transitions[" + i + "]";
            if (t == null || t.from() == null || t.to() == null) {
                throw invalid(where + " needs both from and to");
            }
            where += " (" + t.from() + " -> " + t.to() + ")";
            for (String state : List.of(t.from(), t.to())) {
                if (!states.contains(state)) {
                    throw invalid(where + ": state " + state + " is not declared in states " + states);
                }
            }
            if (t.from().equals(t.to())) {
                throw invalid(where + ": a transition must change the state");
            }
            if (!seen.add(t.from() + ">" + t.to())) {
                throw invalid(where + " is declared twice");
            }
            List<String> requires = t.requires() == null ? List.of() : List.copyOf(t.requires());
            for (String prerequisite : requires) {
                if (!Policy.PREREQUISITES.contains(prerequisite)) {
                    throw invalid(where + ": unknown prerequisite \"" + prerequisite + "\" (known: artifacts, scorecards, gates, shadow_period)");
                }
            }
            Policy.Approvals approvals = Policy.Approvals.NONE;
            if (t.approvals() != null) {
                int count = t.approvals().count() == null ? 1 : t.approvals().count();
                String role = t.approvals().role() == null ? Role.RISK_OFFICER.name() : t.approvals().role();
                if (count < 0) {
                    throw invalid(where + ": approvals.count must be 0 or more, not " + count);
                }
                if (!Set.of("ANALYST", "RISK_OFFICER", "ADMIN").contains(role)) {
                    throw invalid(where + ": approvals.role must be ANALYST, RISK_OFFICER or ADMIN, not " + role);
                }
                approvals = new Policy.Approvals(count, role);
            }
            if (t.to().equals(live) && (approvals.count() < 1 || !approvals.role().equals(Role.RISK_OFFICER.name()))) {
                throw invalid(where + ": a transition to the live state " + live + " needs at least one RISK_OFFICER approval");
            }
            result.add(new Policy.Transition(t.from(), t.to(), requires, approvals));
        }
        return result;
    }

    private static Policy.TypeRules rules(String source, String section, RulesFile merged, Environment env, Map<String, String> warnings) {
        String where = source + ": " + section;
        Map<String, String> applied = new TreeMap<>();
        List<String> packs = merged.evalPacks();
        if (env.has("LEARN_EVAL_PACKS")) {
            List<String> wanted = List.of(env.get("LEARN_EVAL_PACKS").split(",")).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
            if (!env.tightenOnly() || packs == null || wanted.containsAll(packs)) {
                packs = wanted;
                applied.put("LEARN_EVAL_PACKS", env.get("LEARN_EVAL_PACKS"));
            } else {
                ignored(warnings, env, "LEARN_EVAL_PACKS", "may only add packs to the policy's " + String.join(",", packs) + " (" + section + ")");
            }
        }
        if (packs == null || packs.isEmpty()) {
            throw invalid(where + ": evalPacks must name at least one BENCH pack");
        }
        int storedDays = merged.shadowDurationDays() == null ? 7 : merged.shadowDurationDays();
        int shadowDays = storedDays;
        if (env.has("LEARN_SHADOW_DURATION_DAYS")) {
            int wanted = envInt(env, "LEARN_SHADOW_DURATION_DAYS");
            if (!env.tightenOnly() || wanted >= storedDays) {
                shadowDays = wanted;
                applied.put("LEARN_SHADOW_DURATION_DAYS", env.get("LEARN_SHADOW_DURATION_DAYS"));
            } else {
                ignored(warnings, env, "LEARN_SHADOW_DURATION_DAYS", "may only lengthen the policy's " + storedDays + " days (" + section + ")");
            }
        }
        int retain = merged.retainRetired() == null ? 10 : merged.retainRetired();
        if (env.has("LEARN_RETAIN_RETIRED")) {
            int wanted = envInt(env, "LEARN_RETAIN_RETIRED");
            if (!env.tightenOnly()) {
                retain = wanted;
                applied.put("LEARN_RETAIN_RETIRED", env.get("LEARN_RETAIN_RETIRED"));
            } else {
                ignored(warnings, env, "LEARN_RETAIN_RETIRED", "never applies: retention comes from the policy alone, and archiving cannot be undone");
            }
        }
        if (shadowDays < 0) {
            throw invalid(where + ": shadowDurationDays must be 0 or more, not " + shadowDays);
        }
        if (retain < 0) {
            throw invalid(where + ": retainRetired must be 0 or more, not " + retain);
        }
        List<GateSpec> gates = new ArrayList<>();
        if (merged.gates() != null) {
            merged.gates().forEach((metric, gate) -> {
                if (gate != null) {
                    gates.add(gate(where + ".gates." + metric, section, metric, gate, env, applied, warnings));
                }
            });
        }
        return new Policy.TypeRules(List.copyOf(packs), shadowDays, retain, List.copyOf(gates), applied);
    }

    private static GateSpec gate(String where, String section, String metric, GateFile gate, Environment env, Map<String, String> applied,
                                 Map<String, String> warnings) {
        if (gate.direction() == null) {
            throw invalid(where + ": direction is required (HIGHER_IS_BETTER, LOWER_IS_BETTER or IN_BAND)");
        }
        Double minImprovement = gate.minImprovement();
        String key = metric.equals("sharpe") ? "LEARN_GATE_DELTA_SHARPE" : metric.equals("max_drawdown") ? "LEARN_GATE_MAXDD_TOL" : null;
        if (key != null && env.has(key) && gate.direction() != GateSpec.Direction.IN_BAND) {
            double value = envDouble(env, key);
            double wanted = key.equals("LEARN_GATE_MAXDD_TOL") ? -value : value;
            // A larger minimum improvement is stricter whichever way the metric is better (see GateSpec).
            if (!env.tightenOnly() || minImprovement == null || wanted >= minImprovement) {
                minImprovement = wanted;
                applied.put(key, env.get(key));
            } else {
                ignored(warnings, env, key, "may only tighten the policy's " + metric + " gate (minImprovement " + minImprovement + ", " + section + ")");
            }
        }
        if (gate.direction() == GateSpec.Direction.IN_BAND) {
            List<Double> band = gate.band();
            if (band == null || band.size() != 2 || band.get(0) == null || band.get(1) == null || band.get(0) > band.get(1)) {
                throw invalid(where + ": an IN_BAND gate needs band: [low, high] with low <= high");
            }
            return new GateSpec(metric, gate.direction(), null, null, band.get(0), band.get(1));
        }
        if (minImprovement == null && gate.threshold() == null) {
            throw invalid(where + ": needs minImprovement (against the ACTIVE baseline), threshold (absolute), or both");
        }
        return new GateSpec(metric, gate.direction(), minImprovement, gate.threshold(), null, null);
    }

    private static void ignored(Map<String, String> warnings, Environment env, String key, String why) {
        warnings.putIfAbsent(key, key + "=" + env.get(key) + " is ignored: on a registry that is not a demo it " + why);
    }

    private static int envInt(Environment env, String key) {
        String value = env.get(key);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw invalid("environment key " + key + " must be a whole number, not \"" + value + "\"");
        }
    }

    private static double envDouble(Environment env, String key) {
        String value = env.get(key);
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw invalid("environment key " + key + " must be a number, not \"" + value + "\"");
        }
    }

    private static GovernanceException invalid(String message) {
        return new GovernanceException("E_POLICY_INVALID", message);
    }
}
