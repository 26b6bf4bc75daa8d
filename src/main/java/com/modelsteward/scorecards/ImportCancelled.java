package com.modelsteward.scorecards;

import com.modelsteward.registry.RegistryException;

/**
 * The user cancelled a scorecard import (Cancel in the console, Ctrl-C on the command line). Thrown only after the
 * staging file is gone or the registry transaction rolled back, so its message may promise that nothing was imported.
 */
public final class ImportCancelled extends RegistryException {

    public ImportCancelled(String fileName) {
        super("E_IMPORT_CANCELLED", "the import of " + fileName + " was cancelled; nothing was imported");
    }
}
