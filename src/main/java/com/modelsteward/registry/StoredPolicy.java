package com.modelsteward.registry;

/** The policy an ADMIN stored in {@code registry_meta}: its text and format ("yaml" or "json"), each null when absent. */
public record StoredPolicy(String text, String format) {
}
