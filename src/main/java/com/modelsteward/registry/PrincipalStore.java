package com.modelsteward.registry;

import java.util.List;
import java.util.Optional;

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
}
