package com.modelsteward.registry;

/** The receipt of an import that committed ({@code scorecard_imports}): the idempotency key of an import is the file's SHA-256. */
public record ScorecardImportRow(String fileSha256, String fileName, long rows, String importedBy, String importedAt) {
}
