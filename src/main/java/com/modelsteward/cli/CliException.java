package com.modelsteward.cli;

import com.modelsteward.registry.RegistryException;

/** A refusal or a usage error: printed as one line "CODE: message" on stderr, exit code non-zero. */
public class CliException extends RegistryException {

    public CliException(String code, String message) {
        super(code, message);
    }
}
