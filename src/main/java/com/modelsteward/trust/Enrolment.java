package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.EnrolledKey;
import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrolling principals' Ed25519 keys. A user enrols their own key (the private key is created in their data directory,
 * owner-only, and only the public key goes into the registry); an ADMIN endorses it by signing the enrolment with their
 * own trusted key, after checking the fingerprint the person read out to them. The first ADMIN to enrol on a registry
 * without keys endorses their own key and becomes its root. Every step is audited.
 */
public final class Enrolment {

    /** What enrolling did: the user, the key's fingerprint, who endorsed it (null while pending) and whether it is the root. */
    public record Result(String user, String fingerprint, String endorsedBy, boolean root, boolean createdPrivateKey, Path privateKeyFile) {
    }

    /** The fingerprint an ADMIN was given does not match the submitted key (or none was given). */
    public static final String KEY_FINGERPRINT = "E_KEY_FINGERPRINT";

    private Enrolment() {
    }

    /**
     * Enrols {@code who}'s own key: creates the key pair in {@code keyDirectory} unless it is already there (the same key
     * serves every registry), records the public key, and endorses it when {@code who} is the registry's first ADMIN.
     */
    public static Result enrollSelf(Registry registry, Clock clock, Identity who, Path keyDirectory) {
        if (who.roles().isEmpty()) {
            throw new GovernanceException(GovernanceException.ROLLOUT_DENIED, who.user()
                    + " is not a principal of this registry; an ADMIN adds you first (`principal add`)");
        }
        return registry.write(store -> enrol(store, registry, clock, who, keyDirectory));
    }

    /**
     * A new registry's first principal: {@code user} becomes its ADMIN and enrols the root key, in one transaction, so the
     * registry's history starts signed.
     */
    public static Result initialAdmin(Registry registry, Clock clock, String user, Path keyDirectory) {
        return registry.write(store -> {
            store.principals().insert(new NewPrincipal(user, user, Role.ADMIN.name(), user));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("user", user);
            payload.put("role_added", Role.ADMIN.name());
            payload.put("roles", Role.ADMIN.name());
            payload.put("active", true);
            store.audit().append(clock, user, "PRINCIPAL_ROLE_ADDED", "principal:" + user, payload);
            return enrol(store, registry, clock, new Identity(user, java.util.Set.of(Role.ADMIN), false), keyDirectory);
        });
    }

    private static Result enrol(Store store, Registry registry, Clock clock, Identity who, Path keyDirectory) {
        {
            if (Signatures.isDemo(store)) {
                throw new GovernanceException(GovernanceException.ROLLOUT_DENIED,
                        "demo registries use the built-in demo keys (docs/security.md); nothing to enrol");
            }
            EnrolledKey existing = principal(store, who.user());
            if (existing.publicKey() != null) {
                String fingerprint = Keys.fingerprint(existing.publicKey());
                String state = existing.endorsement() == null ? "waiting for an ADMIN to endorse it: read the fingerprint out to "
                        + "them (`principal enroll --user " + who.user() + " --fingerprint " + fingerprint + "`)"
                        : "endorsed by " + existing.endorsedBy();
                throw new GovernanceException("E_KEY_EXISTS", who.user() + " already has a key enrolled in " + registry.location() + " ("
                        + fingerprint + "), " + state);
            }
            Path file = Keys.privateKeyFile(keyDirectory, who.user());
            Path publicFile = publicKeyFile(keyDirectory, who.user());
            boolean created = false;
            String publicKey;
            PrivateKey privateKey;
            Optional<PrivateKey> onDisk = Keys.readPrivateKey(keyDirectory, who.user());
            if (onDisk.isPresent()) {
                privateKey = onDisk.get();
                publicKey = readPublicFile(publicFile);
                String probe = "model-steward key probe";
                if (!Keys.verify(publicKey, probe, Keys.sign(privateKey, probe))) {
                    throw new GovernanceException("E_KEY_UNREADABLE", publicFile + " does not belong to the private key " + file);
                }
            } else {
                KeyPair pair = Keys.generate();
                Keys.writePrivateKey(keyDirectory, who.user(), pair.getPrivate());
                publicKey = Keys.publicText(pair.getPublic());
                writePublicFile(publicFile, publicKey);
                privateKey = pair.getPrivate();
                created = true;
            }
            boolean root = who.has(Role.ADMIN) && Signatures.root(store).isEmpty();
            String now = Timestamps.now(clock);
            String endorsedBy = root ? who.user() : null;
            String endorsement = root ? Keys.sign(privateKey, Signatures.enrolmentContent(who.user(), publicKey, who.user(), now)) : null;
            store.principals().setKey(who.user(), publicKey, endorsedBy, endorsement, root ? now : null);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("user", who.user());
            payload.put("fingerprint", Keys.fingerprint(publicKey));
            payload.put("root", root);
            payload.put("endorsed_by", endorsedBy);
            payload.put("public_key", publicKey);
            payload.put("key_endorsement", endorsement);
            payload.put("key_enrolled_at", root ? now : null);
            store.audit().append(clock, who.user(), root ? "KEY_ENROLLED" : "KEY_SUBMITTED", "principal:" + who.user(), payload);
            // A submitted key is not trusted yet: its holder proves possession by signing the head with it.
            Signatures.seal(store, clock, who.user(), privateKey);
            return new Result(who.user(), Keys.fingerprint(publicKey), endorsedBy, root, created, file);
        }
    }

    /**
     * An ADMIN endorses {@code user}'s submitted key by signing its enrolment with the ADMIN's own trusted key, but only
     * when {@code fingerprint} (what the person read out to the ADMIN from their own {@code principal enroll}) is the
     * submitted key's: the registry says which key was submitted under a name, not who submitted it, so the fingerprint
     * heard from the person is what binds the key to them.
     */
    public static Result endorse(Registry registry, Clock clock, Identity admin, String user, String fingerprint) {
        admin.require(Role.ADMIN, "endorsing a principal's key");
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new GovernanceException(KEY_FINGERPRINT, "endorsing " + user + "'s key needs --fingerprint SHA256:…, the fingerprint "
                    + user + "'s own `principal enroll` printed, read out to you by " + user + "; nothing was endorsed");
        }
        return registry.write(store -> {
            if (Signatures.isDemo(store)) {
                throw new GovernanceException(GovernanceException.ROLLOUT_DENIED,
                        "demo registries use the built-in demo keys (docs/security.md); nothing to endorse");
            }
            Signatures.KeyCheck adminKey = Signatures.trustedKey(store, admin.user());
            if (!adminKey.trusted()) {
                throw new GovernanceException("E_KEY_MISSING", admin.user() + " cannot endorse keys: " + adminKey.problem());
            }
            EnrolledKey target = principal(store, user);
            String publicKey = target.publicKey();
            if (publicKey == null) {
                throw new GovernanceException("E_KEY_MISSING", user + " has not submitted a key yet; they run `principal enroll` first");
            }
            if (target.endorsement() != null) {
                throw new GovernanceException("E_KEY_EXISTS", user + "'s key (" + Keys.fingerprint(publicKey) + ") is already endorsed by "
                        + target.endorsedBy());
            }
            String submitted = Keys.fingerprint(publicKey);
            if (!submitted.equalsIgnoreCase(fingerprint.strip())) {
                throw new GovernanceException(KEY_FINGERPRINT, "the fingerprint you were given for " + user + " (" + fingerprint.strip()
                        + ") is not that of the key submitted as " + user + " (" + submitted + "); nothing was endorsed: ask " + user
                        + " in person which key is theirs");
            }
            String now = Timestamps.now(clock);
            PrivateKey adminPrivate = Signatures.signingKey(store, admin.user());
            String endorsement = Keys.sign(adminPrivate, Signatures.enrolmentContent(user, publicKey, admin.user(), now));
            store.principals().endorseKey(user, admin.user(), endorsement, now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("user", user);
            payload.put("fingerprint", Keys.fingerprint(publicKey));
            payload.put("root", false);
            payload.put("endorsed_by", admin.user());
            payload.put("public_key", publicKey);
            payload.put("key_endorsement", endorsement);
            payload.put("key_enrolled_at", now);
            store.audit().append(clock, admin.user(), "KEY_ENROLLED", "principal:" + user, payload);
            Signatures.seal(store, clock, admin.user(), adminPrivate);
            return new Result(user, Keys.fingerprint(publicKey), admin.user(), false, false, null);
        });
    }

    /**
     * Gives every principal of a demo registry its derived demo key, endorsed by {@code rootUser} (the demo's ADMIN), inside
     * the generator's transaction. Only the public keys and endorsements are stored; the private keys are recomputed
     * from the demo marker whenever a demo user signs.
     */
    public static void enrollDemoPrincipals(Store store, Clock clock, String rootUser) {
        String marker = store.meta().value(Principals.DEMO_MARKER).orElseThrow();
        PrivateKey rootKey = Signatures.demoKeyPair(marker, rootUser).getPrivate();
        List<String> users = store.principals().namesWithFirst(rootUser);
        String now = Timestamps.now(clock);
        for (String user : users) {
            String publicKey = Keys.publicText(Signatures.demoKeyPair(marker, user).getPublic());
            String endorsement = Keys.sign(rootKey, Signatures.enrolmentContent(user, publicKey, rootUser, now));
            store.principals().setKey(user, publicKey, rootUser, endorsement, now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("user", user);
            payload.put("fingerprint", Keys.fingerprint(publicKey));
            payload.put("root", user.equals(rootUser));
            payload.put("endorsed_by", rootUser);
            payload.put("demo_key", true);
            payload.put("public_key", publicKey);
            payload.put("key_endorsement", endorsement);
            payload.put("key_enrolled_at", now);
            store.audit().append(clock, rootUser, "KEY_ENROLLED", "principal:" + user, payload);
        }
        Signatures.seal(store, clock, rootUser, rootKey);
    }

    private static EnrolledKey principal(Store store, String user) {
        return store.principals().submittedKey(user)
                .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", user + " is not a principal of this registry"));
    }

    static Path publicKeyFile(Path keyDirectory, String user) {
        return keyDirectory.resolve(Keys.privateKeyFile(keyDirectory, user).getFileName().toString().replace(".key", ".pub"));
    }

    private static void writePublicFile(Path file, String publicKey) {
        try {
            Files.writeString(file, publicKey + "\n", StandardCharsets.US_ASCII);
        } catch (IOException failed) {
            throw new GovernanceException("E_KEY_UNREADABLE", "cannot write the public key file " + file + ": " + failed.getMessage());
        }
    }

    private static String readPublicFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException failed) {
            throw new GovernanceException("E_KEY_UNREADABLE", "the public key file " + file + " is missing or unreadable; it belongs next "
                    + "to the private key");
        }
    }
}
