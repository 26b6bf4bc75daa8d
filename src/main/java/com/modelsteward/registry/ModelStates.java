package com.modelsteward.registry;

/** The states of the default (L3-12) lifecycle. A policy may add states; rows keep whatever state string they hold. */
public final class ModelStates {

    public static final String CANDIDATE = "CANDIDATE";
    public static final String SHADOW = "SHADOW";
    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    private ModelStates() {
    }
}
