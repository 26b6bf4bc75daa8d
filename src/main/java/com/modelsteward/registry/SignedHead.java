package com.modelsteward.registry;

/**
 * A signed head of the audit chain as stored in {@code audit_signatures}: who signed the chain's hash at {@code seq}, and
 * when. {@code signatureId} is 0 where the reading method says it is not read.
 */
public record SignedHead(long signatureId, long seq, String headHash, String signer, String signedAt, String signature) {
}
