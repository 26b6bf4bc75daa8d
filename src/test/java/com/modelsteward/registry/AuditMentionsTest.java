package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule {@code audit_mentions} is filled by, as the readers and {@code audit verify} apply it in Java. */
class AuditMentionsTest {

    private static final Set<String> VERSIONS = Set.of("m-1", "m-2", "odd\"id");

    private static Set<String> named(String entity, String payload) {
        return AuditMentions.named(entity, payload, VERSIONS::contains);
    }

    @Test
    void anEntityNamesItsVersionBarePrefixedOrSlashed() {
        assertEquals(Set.of("m-1"), named("m-1", null));
        assertEquals(Set.of("m-1"), named("model:m-1", "{}"));
        assertEquals(Set.of("m-2"), named("model/m-2", "{}"));
        assertEquals(Set.of("not-registered"), named("model:not-registered", "{}"), "a prefixed entity names its id, registered or not");
        assertEquals(Set.of(), named("model-m-1", "{}"));
        assertEquals(Set.of(), named("request:m-1", "{}"));
    }

    @Test
    void aStringOrMemberNameAnywhereInThePayloadNamesAVersion() {
        assertEquals(Set.of("m-1", "m-2"), named(null, "{\"a\":[\"m-1\",{\"deep\":[[\"m-2\"]]}]}"));
        assertEquals(Set.of("m-2"), named("req-9", "{\"m-2\":1}"), "a member name counts");
        assertEquals(Set.of("m-1"), named(null, "\"m-1\""), "a payload that is one string");
        assertEquals(Set.of("m-1"), named(null, "{\"x\":\"m\\u002d1\"}"), "JSON's escapes are read as the text they stand for");
        assertEquals(Set.of("odd\"id"), named(null, "{\"raw\":\"odd\\\"id\"}"));
        assertEquals(Set.of("m-1"), named(null, "{\"a\":\"m-1\",\"a\":\"m-3\"}"), "both of two equal member names are read");
    }

    @Test
    void longerTextOrAnotherIdIsNoMention() {
        assertEquals(Set.of(), named(null, "{\"x\":\"m-1x\",\"y\":\"m-\",\"z\":\"about m-1\",\"n\":1}"));
        assertEquals(Set.of(), named(null, "{\"quote\":\"\\\"m-1\\\"\"}"), "the id in quotes inside a string is longer text");
    }

    @Test
    void aPayloadThatIsNotOneJsonValueNamesNothing() {
        assertEquals(Set.of(), named(null, "{\"unclosed\":\"m-1"));
        assertEquals(Set.of(), named(null, "{\"a\":\"m-1\"} {\"b\":\"m-2\"}"));
        assertEquals(Set.of(), named(null, "{\"a\":\"m-1\"}}"));
        assertEquals(Set.of(), named(null, "{'a':'m-1'}"));
        assertEquals(Set.of(), named(null, ""));
    }

    @Test
    void aReaderKeepsARowOnlyWhenItsEntryNamesTheVersion() {
        AuditEntry note = new AuditEntry(7, "t", "ann", "NOTE", "elsewhere", "{\"model_id\":\"m-1\"}", "p", "h");
        assertTrue(AuditMentions.names(note, "m-1"));
        assertFalse(AuditMentions.names(note, "m-2"));
    }
}
