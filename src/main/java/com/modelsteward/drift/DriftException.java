package com.modelsteward.drift;

import com.modelsteward.registry.RegistryException;

/**
 * A drift input a user can fix (bad CSV, unknown model, bad policy); the message names the file, line and column.
 * A {@link RegistryException} so that the command line and the console report it as one plain sentence.
 */
public final class DriftException extends RegistryException {

    public DriftException(String code, String message) {
        super(code, message);
    }
}
