package com.modelsteward.config;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment, read once: the one place that calls {@code System.getenv} (the architecture test holds every
 * other class to it). The entry points hand it to the command line's and the console's contexts, and every LEARN_* key,
 * {@value AppDirs#HOME_ENV} and the rest are taken from there; tests give a fixed map instead.
 */
public final class Environment {

    private static final class Process {
        static final Environment SNAPSHOT = new Environment(System.getenv());
    }

    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The environment this process started with, read on first use and never again. */
    public static Environment process() {
        return Process.SNAPSHOT;
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    /** Every key, for readers that take the whole environment (the policy's LEARN_* keys, the drift policy's). */
    public Map<String, String> asMap() {
        return values;
    }
}
