package com.modelsteward.trust;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditMentions;
import com.modelsteward.registry.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code audit verify}'s check of {@code audit_mentions} against the log, entry by entry in the same walk. A row is
 * <em>required</em> where the entry names a version by its {@code model:}/{@code model/} entity, or by its entity or
 * payload and that version's REGISTER entry came before it; a row is <em>allowed</em> where the entry names a version
 * registered now (the trigger knows the versions in {@code model_registry} when the entry is inserted, which a copy
 * fills before its log). A required row that is missing hides the entry from that version's lineage and model card; a
 * row that is not allowed was added behind the app's back (readers already ignore it). Both are named.
 */
final class MentionCheck implements Predicate<AuditEntry> {

    /** Sentences kept in full; the rest are counted, so a wholesale edit is reported in bounded output. */
    private static final int NAMED = 20;

    /** Every registered version's id, each mapped to itself so that every row shares one string per id. */
    private final Map<String, String> versions;
    private final Set<String> registeredBefore = new HashSet<>();
    private final long[] rowSeqs;
    private final String[] rowIds;
    private int next;
    private final List<String> problems = new ArrayList<>();
    private int unnamed;

    private MentionCheck(Map<String, String> versions, long[] rowSeqs, String[] rowIds) {
        this.versions = versions;
        this.rowSeqs = rowSeqs;
        this.rowIds = rowIds;
    }

    /** The versions and the table's rows, read in the caller's snapshot before the walk. */
    static MentionCheck read(Store store) {
        Map<String, String> versions = new HashMap<>();
        store.versions().ids().forEach(id -> versions.put(id, id));
        Rows rows = new Rows();
        store.audit().mentionRows((seq, id) -> rows.add(seq, versions.getOrDefault(id, id)));
        return new MentionCheck(versions, Arrays.copyOf(rows.seqs, rows.size), Arrays.copyOf(rows.ids, rows.size));
    }

    /** The table's rows as read, in two growing arrays (a list of boxed numbers would be a second copy of the table). */
    private static final class Rows {
        long[] seqs = new long[1024];
        String[] ids = new String[1024];
        int size;

        void add(long seq, String id) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            seqs[size] = seq;
            ids[size++] = id;
        }
    }

    @Override
    public boolean test(AuditEntry entry) {
        long seq = entry.seq();
        while (next < rowSeqs.length && rowSeqs[next] < seq) {
            problem("a row of audit_mentions says entry " + rowSeqs[next] + " names version " + rowIds[next]
                    + ", but the log has no such entry: the row was added behind the app's back");
            next++;
        }
        int first = next;
        while (next < rowSeqs.length && rowSeqs[next] == seq) {
            next++;
        }
        List<String> stored = Arrays.asList(rowIds).subList(first, next);
        String prefixed = AuditMentions.prefixed(entry.entity());
        Set<String> allowed = AuditMentions.named(entry.entity(), entry.payloadJson(), versions::containsKey);
        for (String id : allowed) {
            boolean required = id.equals(prefixed) || registeredBefore.contains(id);
            if (required && !stored.contains(id)) {
                problem("entry " + seq + " names version " + id + ", but audit_mentions has no row for it: the row was deleted "
                        + "behind the app's back, so that version's lineage and model card leave the entry out");
            }
        }
        for (String id : stored) {
            if (!allowed.contains(id)) {
                problem("a row of audit_mentions says entry " + seq + " names version " + id + ", which it does not: the row was "
                        + "added behind the app's back (the lineage and model card ignore it)");
            }
        }
        if ("REGISTER".equals(entry.action()) && prefixed != null) {
            registeredBefore.add(prefixed);
        }
        return true;
    }

    /** The sentences, after the rows past the log's last entry are named; the overflow counted in a last sentence. */
    List<String> problems() {
        while (next < rowSeqs.length) {
            problem("a row of audit_mentions says entry " + rowSeqs[next] + " names version " + rowIds[next]
                    + ", but the log has no such entry: the row was added behind the app's back");
            next++;
        }
        List<String> all = new ArrayList<>(problems);
        if (unnamed > 0) {
            all.add("and " + unnamed + " more problem(s) with audit_mentions");
        }
        return all;
    }

    private void problem(String sentence) {
        if (problems.size() < NAMED) {
            problems.add(sentence);
        } else {
            unnamed++;
        }
    }
}
