package com.modelsteward.registry;

/**
 * A principal's enrolled key as stored: the public key and the ADMIN endorsement that makes it trusted (each null while
 * missing). {@code enrolledAt} is null where the reading method says it is not read.
 */
public record EnrolledKey(String user, String publicKey, String endorsedBy, String endorsement, String enrolledAt) {
}
