package com.modelsteward.registry;

public record StateCount(String state, long count) {
}
