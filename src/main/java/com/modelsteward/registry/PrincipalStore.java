package com.modelsteward.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store's principals, their roles and enrolled keys: {@code principals}. Bound to one transaction or snapshot by {@link Store}. */
public interface PrincipalStore {

    // governance engine

    /** Every principal, by user name. */
    List<PrincipalRoles> rolesByName();

    // rules, policy, command line and demo data
    /** The principal's stored roles and active flag, empty when there is no such principal. */
    Optional<PrincipalStanding> standing(String user);

    /** The number of active principals holding ADMIN. */
    long activeAdmins();

    /** Replaces an existing principal's roles and active flag. */
    void setStanding(String user, String roles, boolean active);

    /** Adds one principal (active, no key yet). Also on store-trust: keep one when merging. */
    void insert(NewPrincipal principal);

    /** Adds several principals in one batch. */
    void insertAll(List<NewPrincipal> principals);

    // signing and trust

    /** {@code user}'s key and endorsement, read with the whole principal row; empty when there is no such principal. */
    Optional<EnrolledKey> enrolledKey(String user);

    /** {@code user}'s key and endorsement ({@code enrolledAt} not read); empty when there is no such principal. */
    Optional<EnrolledKey> submittedKey(String user);

    /** {@code user}'s public key; empty when there is no such principal or it has no key. */
    Optional<String> publicKey(String user);

    /** {@code user}'s roles as stored (comma-separated), active or not; empty when there is no such principal. */
    Optional<String> roles(String user);

    /** {@code user}'s roles as stored (comma-separated) while the principal is active; empty otherwise. */
    Optional<String> activeRoles(String user);

    /** The principals whose key endorses itself, by name: the root, or several in a file tampered with. */
    List<String> selfEndorsed();

    /** The principals with a key (endorsed or not), by name. */
    List<String> withKeys();

    /** Every principal's name: {@code first} first, then the others by name. */
    List<String> namesWithFirst(String first);

    /** Records {@code user}'s key with its endorsement (endorser, endorsement and time null while it waits for one). */
    void setKey(String user, String publicKey, String endorsedBy, String endorsement, String enrolledAt);

    /** Records an ADMIN's endorsement of the key {@code user} submitted. */
    void endorseKey(String user, String endorsedBy, String endorsement, String enrolledAt);

    /**
     * The principals as stored, keyed by column, every column the signed history vouches for (untyped: a replay compares
     * what is there, whatever its type); those of {@code users} only, or all when {@code users} is null.
     */
    List<Map<String, Object>> rowsAsStored(Set<String> users);

}
