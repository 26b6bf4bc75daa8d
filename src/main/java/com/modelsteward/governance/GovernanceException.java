package com.modelsteward.governance;

import com.modelsteward.registry.RegistryException;

/** A refusal by the governance engine: one of the spec's codes and a plain sentence saying why. Nothing was changed. */
public class GovernanceException extends RegistryException {

    public static final String GATE_FAILED = "E_LEARN_GATE_FAILED";
    public static final String APPROVAL_MISSING = "E_LEARN_APPROVAL_MISSING";
    public static final String ROLLOUT_DENIED = "E_LEARN_ROLLOUT_DENIED";

    public GovernanceException(String code, String message) {
        super(code, message);
    }
}
