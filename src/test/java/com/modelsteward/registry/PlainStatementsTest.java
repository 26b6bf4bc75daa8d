package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Plain statements read by hand (ADR 30) give exactly what Jdbi's own lexers give: the same SQL and parameters for any
 * text, and a plain template renders as itself. Texts are drawn from the characters the lexers treat specially.
 */
class PlainStatementsTest {

    private final ColonPrefixSqlParser jdbis = new ColonPrefixSqlParser();
    private final DefinedAttributeTemplateEngine jdbisTemplates = new DefinedAttributeTemplateEngine();

    @Property(tries = 3000)
    void parametersAreWhatJdbisParserFinds(@ForAll("sqlLike") String sql) {
        assertEquals(outcome(() -> jdbis.parse(sql, null)), outcome(() -> ours().getSqlParser().parse(sql, null)), sql);
    }

    @Property(tries = 3000)
    void parametersAreWhatJdbisParserFindsInPlainText(@ForAll("plainSqlLike") String sql) {
        assertEquals(outcome(() -> jdbis.parse(sql, null)), outcome(() -> ours().getSqlParser().parse(sql, null)), sql);
    }

    /** Quotes and colons packed close: where an opening quote ends and another begins decides what is a parameter. */
    @Property(tries = 3000)
    void parametersAreWhatJdbisParserFindsAmongQuotes(@ForAll("quotesAndColons") String sql) {
        assertEquals(outcome(() -> jdbis.parse(sql, null)), outcome(() -> ours().getSqlParser().parse(sql, null)), sql);
    }

    @Property(tries = 3000)
    void aTemplateReadAsPlainIsOneJdbisEngineRendersAsItself(@ForAll("sqlLike") String template) {
        if (PlainStatements.plainForTemplates(template)) {
            Function<StatementContext, String> rendered = jdbisTemplates.parse(template, new ConfigRegistry()).orElseThrow();
            assertEquals(template, rendered.apply(null));
        }
    }

    @Example
    void theStatementsKindsOfTextAreReadAsJdbiReadsThem() {
        for (String sql : List.of("SELECT :a::text", "WHERE x = ':x' AND y = :y", "\"a:b\" = :c", "\"\":d", "SELECT :a.b, :$c_1",
                "x < :y AND z <> :w", "'unclosed :e", "\"unclosed :f", "\"\"\":g\"", "'':h'", "IN (:__m_0, :__m_1)", ":::g", ": h", "a:")) {
            ParsedSql parsed = ours().getSqlParser().parse(sql, null);
            assertEquals(jdbis.parse(sql, null), parsed, sql);
            assertTrue(PlainStatements.plainForParameters(sql), sql + " is read by hand");
        }
    }

    @Example
    void textWithDefinesEscapesOrPositionalParametersGoesToJdbisLexers() {
        assertFalse(PlainStatements.plainForTemplates("SELECT <columns> FROM t"));
        assertFalse(PlainStatements.plainForTemplates("SELECT 1 \\< 2"));
        assertTrue(PlainStatements.plainForTemplates("x.kind<c.kind AND a < b AND <> AND <a b>"));
        assertFalse(PlainStatements.plainForParameters("SELECT ? FROM t"));
        assertFalse(PlainStatements.plainForParameters("SELECT 1 -- :not a parameter"));
        assertFalse(PlainStatements.plainForParameters("SELECT 1 /* :x */"));
        assertFalse(PlainStatements.plainForParameters("SELECT 'é' = :x"));
    }

    @Provide
    Arbitrary<String> sqlLike() {
        return Arbitraries.strings().withChars(":ab9._$ (),=<>'\"?-/*\\\né").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> plainSqlLike() {
        return Arbitraries.strings().withChars(":ab9._$ (),=<>'\"").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> quotesAndColons() {
        return Arbitraries.strings().withChars(":a\"' ").ofMaxLength(12);
    }

    private static final SqlStatements OURS = installed();

    private static SqlStatements ours() {
        return OURS;
    }

    private static SqlStatements installed() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite::memory:");
        PlainStatements.install(jdbi);
        return jdbi.getConfig(SqlStatements.class);
    }

    /** What parsing gave: the parsed SQL, or the kind of failure. */
    private static Object outcome(java.util.function.Supplier<ParsedSql> parse) {
        try {
            return parse.get();
        } catch (RuntimeException failed) {
            return failed.getClass();
        }
    }
}
