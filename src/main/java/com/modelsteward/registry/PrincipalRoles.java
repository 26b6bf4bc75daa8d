package com.modelsteward.registry;

/** A principal's name, roles (as stored) and whether it is active. */
public record PrincipalRoles(String userName, String roles, boolean active) {
}
