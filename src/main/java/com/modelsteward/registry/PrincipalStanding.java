package com.modelsteward.registry;

/** A principal's stored roles (comma-separated, as written) and whether it is active. */
public record PrincipalStanding(String roles, boolean active) {
}
