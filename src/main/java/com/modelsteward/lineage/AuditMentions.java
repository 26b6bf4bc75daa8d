package com.modelsteward.lineage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a set of versions an audit entry names, by the rule of the one-version query in {@link LineageService}: the
 * entity is the id, {@code model:ID} or {@code model/ID}, or the payload contains the id in double quotes.
 *
 * <p>The payload test looks up the text between each double quote and the next one in a hash set, so an entry costs the
 * same however many versions are asked about. For an id without a double quote that is exactly "contains {@code "ID"}":
 * such an occurrence starts at a quote whose next quote ends it. The rare id with a double quote in it is searched for
 * as plain text.
 */
final class AuditMentions {

    private final Set<String> ids;
    private final List<String> quotedIds;

    AuditMentions(Set<String> ids) {
        this.ids = Set.copyOf(ids);
        this.quotedIds = ids.stream().filter(id -> id.indexOf('"') >= 0).toList();
    }

    /** The ids this entry names, empty when none. */
    Set<String> of(String entity, String payload) {
        Set<String> named = new HashSet<>(2);
        if (entity != null) {
            if (ids.contains(entity)) {
                named.add(entity);
            }
            if ((entity.startsWith("model:") || entity.startsWith("model/")) && ids.contains(entity.substring(6))) {
                named.add(entity.substring(6));
            }
        }
        if (payload != null) {
            int open = payload.indexOf('"');
            while (open >= 0) {
                int close = payload.indexOf('"', open + 1);
                if (close < 0) {
                    break;
                }
                String quoted = payload.substring(open + 1, close);
                if (ids.contains(quoted)) {
                    named.add(quoted);
                }
                open = close;
            }
            for (String id : quotedIds) {
                if (payload.contains('"' + id + '"')) {
                    named.add(id);
                }
            }
        }
        return named;
    }
}
