package com.modelsteward.registry;

/**
 * A problem a user can act on, with a message that names the file and what is wrong.
 * The console shows the message in a dialog, the command line prints it on one line; neither shows a stack trace.
 */
public class RegistryException extends RuntimeException {

    /** A server asked for a password that was not given; the caller may ask the person and open again. */
    public static final String PASSWORD_NEEDED = "E_REGISTRY_PASSWORD_NEEDED";

    private final String code;

    public RegistryException(String message) {
        this("E_REGISTRY", message, null);
    }

    public RegistryException(String code, String message) {
        this(code, message, null);
    }

    public RegistryException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable, machine-readable code (E_LEARN_GATE_FAILED, E_REGISTRY_LOCKED, …). */
    public String code() {
        return code;
    }
}
