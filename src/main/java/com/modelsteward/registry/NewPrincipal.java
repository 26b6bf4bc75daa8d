package com.modelsteward.registry;

/** A principal to insert; it starts active, without a key. {@code roles} is the comma-separated list. */
public record NewPrincipal(String user, String displayName, String roles, String createdBy) {
}
