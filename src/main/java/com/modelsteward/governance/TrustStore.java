package com.modelsteward.governance;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.Registry;
import java.io.IOException;
import java.util.Optional;

/**
 * Trust on first use, as SSH does for host keys: the first time this user opens a registry that has a root key, its
 * fingerprint is remembered in the user's settings; every later opening compares. A registry file rewritten wholesale
 * (fresh principals, fresh keys, re-signed approvals) keeps its path but not its root key, and is reported loudly.
 * A changed root is never re-pinned silently: the user removes the old line from the settings file when the change is
 * expected (a registry deliberately re-created).
 */
public final class TrustStore {

    public enum Outcome { FIRST_USE, MATCH, CHANGED, NO_ROOT_YET, ROOT_INVALID }

    /** The result of one check, with the sentence to show the user (empty for a quiet match). */
    public record Check(Outcome outcome, String registry, Optional<String> pinned, Optional<String> current, String message) {

        public boolean alarming() {
            return outcome == Outcome.CHANGED || outcome == Outcome.ROOT_INVALID;
        }
    }

    private static final String PREFIX = "trust.root.";

    private final AppSettings settings;

    public TrustStore(AppSettings settings) {
        this.settings = settings;
    }

    public static TrustStore load() {
        return new TrustStore(AppSettings.load());
    }

    /** Compares the registry's root key with the pinned one, pinning it on first use. */
    public Check check(Registry registry) {
        Optional<Signatures.KeyCheck> root = registry.read(Signatures::root);
        String path = registry.file().toAbsolutePath().normalize().toString();
        Optional<String> pinned = settings.get(PREFIX + path);
        if (root.isEmpty()) {
            return new Check(Outcome.NO_ROOT_YET, path, pinned, Optional.empty(), pinned.isEmpty() ? ""
                    : "WARNING: " + path + " had the root key " + pinned.get() + " when you last used it, and now has no keys at all. "
                            + "The file may have been replaced; do not trust its approvals until an ADMIN confirms.");
        }
        if (!root.get().trusted()) {
            return new Check(Outcome.ROOT_INVALID, path, pinned, Optional.empty(), "WARNING: the root key of " + path + " is not valid: "
                    + root.get().problem() + ". Do not trust its approvals until an ADMIN confirms.");
        }
        String current = Keys.fingerprint(root.get().publicKey());
        if (pinned.isEmpty()) {
            settings.put(PREFIX + path, current);
            save();
            return new Check(Outcome.FIRST_USE, path, Optional.empty(), Optional.of(current), "First use of " + path
                    + ": its root key " + current + " (" + root.get().user() + ") is now remembered; you will be warned if it ever changes.");
        }
        if (pinned.get().equals(current)) {
            return new Check(Outcome.MATCH, path, pinned, Optional.of(current), "");
        }
        return new Check(Outcome.CHANGED, path, pinned, Optional.of(current), "WARNING: THE ROOT KEY OF " + path + " HAS CHANGED.\n"
                + "  you last saw  " + pinned.get() + "\n"
                + "  the file has  " + current + " (" + root.get().user() + ")\n"
                + "Someone may have rewritten the registry with their own keys. Do not trust its approvals until an ADMIN confirms.\n"
                + "If the registry was deliberately re-created, remove the line for it from " + settingsHint() + ".");
    }

    private String settingsHint() {
        return "your settings file (" + com.modelsteward.config.AppDirs.settingsFile() + ")";
    }

    private void save() {
        try {
            settings.save();
        } catch (IOException unwritable) {
            // Pinning is a safety net on top of the signatures; failing to remember must not stop the user's work.
        }
    }
}
