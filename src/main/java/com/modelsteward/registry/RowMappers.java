package com.modelsteward.registry;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Maps snake_case columns onto the registry's records by constructor (compiled with -parameters), registered once per
 * registry: a mapper made per query inspects the record's constructor every time.
 */
final class RowMappers {

    private RowMappers() {
    }

    static void register(Jdbi jdbi) {
        for (Class<?> type : new Class<?>[] {ModelSummary.class, ModelVersion.class, Scorecard.class, RegistryEvent.class,
                StateCount.class, TransitionRequestRow.class, AuditEntry.class, DriftResultRow.class, RequestApprovalRow.class,
                RequestQueueRow.class, VersionRequestRow.class, VersionHashRow.class}) {
            jdbi.registerRowMapper(ConstructorMapper.factory(type));
        }
    }
}
