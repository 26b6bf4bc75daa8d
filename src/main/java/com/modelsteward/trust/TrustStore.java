package com.modelsteward.trust;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.SignedHead;
import com.modelsteward.registry.Store;
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
    private static final String HEAD_PREFIX = "trust.head.";

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
        String path = registry.location().key();
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

    /** Whether the audit chain went backward or forked since this user last verified it, with the sentence to show. */
    public record HeadCheck(boolean alarming, String message) {
    }

    /**
     * Compares the registry's audit chain with the highest signed head this user verified before (pinned beside the root
     * key): fewer entries than that head means the trail was truncated or an older copy put back; another hash at its
     * sequence number means the history was rewritten. Otherwise pins the newest head that the entries since link to,
     * intact, and whose signature verifies by a trusted key. A registry's whole rewind to an older signed state is
     * detected only by a client that saw a newer head (docs/security.md).
     */
    public HeadCheck checkHead(Registry registry) {
        return checkHead(registry, (walked, total) -> {
        });
    }

    /**
     * The same, telling {@code progress} how far the walk from the pinned head has come, every
     * {@link AuditTrail#PROGRESS_EVERY} entries: a first use walks the whole chain.
     */
    public HeadCheck checkHead(Registry registry, AuditTrail.Progress progress) {
        return registry.read(store -> checkHead(store, registry.location().key(), null, progress));
    }

    /**
     * {@link #checkHead(Registry)} in the caller's snapshot, for {@code audit verify}, which has just walked the whole chain
     * in it ({@code chain}): the entries it verified from the start are not walked a second time. Where the walk stopped
     * before the pinned head, the entries after that head are walked as before.
     */
    public HeadCheck checkHead(Store store, String path, AuditTrail.Verification chain) {
        return checkHead(store, path, chain, (walked, total) -> {
        });
    }

    private HeadCheck checkHead(Store store, String path, AuditTrail.Verification chain, AuditTrail.Progress progress) {
        Optional<String> pinned = settings.get(HEAD_PREFIX + path);
        long pinnedSeq = pinned.map(text -> Long.parseLong(text.substring(0, text.indexOf(':')))).orElse(0L);
        String pinnedHash = pinned.map(text -> text.substring(text.indexOf(':') + 1)).orElse(AuditTrail.GENESIS);
        long last = store.audit().lastSeq();
        if (pinnedSeq > last) {
            return new HeadCheck(true, "WARNING: THE AUDIT TRAIL OF " + path + " WENT BACKWARD: you verified it up to entry " + pinnedSeq
                    + " and it now ends at entry " + last + ". Entries were removed, or an older copy of the registry was put back.");
        }
        if (pinnedSeq > 0) {
            String now = store.audit().hashAt(pinnedSeq);
            if (!now.equals(pinnedHash)) {
                return new HeadCheck(true, "WARNING: THE AUDIT TRAIL OF " + path + " HAS FORKED: entry " + pinnedSeq
                        + " is not the entry you verified (hash " + pinnedHash.substring(0, 12) + "…, now " + now.substring(0, 12)
                        + "…). The history was rewritten from there on.");
            }
        }
        // A whole walk that verified past the pinned entry (whose hash was just compared) has seen every entry after it
        // link and hash up to where it stopped: exactly where a walk from the pinned entry would stop.
        long intactTo = chain != null && chain.whole() && (chain.ok() || pinnedSeq < chain.firstBadSeq().get())
                ? chain.checked() : store.audit().intactFrom(pinnedSeq, pinnedHash, walked -> progress.update(walked, last - pinnedSeq));
        for (SignedHead head : store.audit().signedHeadsOnChain(pinnedSeq, intactTo)) {
            long seq = head.seq();
            String signer = head.signer();
            Signatures.KeyCheck key = Signatures.trustedKey(store, signer);
            if (key.trusted() && Keys.verifyCanonical(key.publicKey(), Signatures.headFields(seq, head.headHash(), signer,
                    head.signedAt()), head.signature())) {
                settings.put(HEAD_PREFIX + path, seq + ":" + head.headHash());
                save();
                break;
            }
        }
        return new HeadCheck(false, "");
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
