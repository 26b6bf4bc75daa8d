package com.modelsteward.registry;

import java.util.List;

/** The store's principals, their roles and enrolled keys: {@code principals}. Bound to one transaction or snapshot by {@link Store}. */
public interface PrincipalStore {

    // governance engine

    /** Every principal, by user name. */
    List<PrincipalRoles> rolesByName();
}
