package com.modelsteward.lineage;

/** One step in a version's life: created, a request executed, or an audit entry about it. */
public record HistoryEvent(String at, String actor, String what) {
}
