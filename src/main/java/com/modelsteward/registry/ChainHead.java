package com.modelsteward.registry;

/** The newest entry of the audit chain: its sequence number and hash, what a signed head signs. */
public record ChainHead(long seq, String hash) {
}
