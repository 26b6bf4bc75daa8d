package com.modelsteward.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Jdbi's template engine and named-parameter parser, with plain statements read without their ANTLR lexers (ADR 30).
 * Each lexer runs once per distinct statement text and process, and interpreted in a cold process they cost a fifth of
 * the Overview's first read. In plain text (ASCII, no backslash) the template lexer finds nothing to fill unless a
 * {@code <name>} stands in it, and the parameter lexer (no question mark or comment opener either) finds only literal
 * characters, quoted text, {@code ::} and {@code :name}: reading those by hand gives what the lexers give. Any other
 * text goes to them unchanged.
 */
final class PlainStatements {

    private PlainStatements() {
    }

    static void install(Jdbi jdbi) {
        SqlStatements statements = jdbi.getConfig(SqlStatements.class);
        statements.setTemplateEngine(new Templates(statements.getTemplateEngine()));
        statements.setSqlParser(new Parameters(statements.getSqlParser()));
    }

    /** Text where Jdbi's parameter lexer finds only literals, quoted text, {@code ::} and {@code :name}. */
    static boolean plainForParameters(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '?') {
                return false;
            }
            if (i + 1 < sql.length()) {
                char next = sql.charAt(i + 1);
                if ((c == '-' && next == '-') || (c == '/' && (next == '*' || next == '/'))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Text where Jdbi's template lexer finds no {@code <name>} to fill and no escape: it renders as itself. */
    static boolean plainForTemplates(String template) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c >= 0x80 || c == '\\') {
                return false;
            }
            if (c == '<') {
                int end = i + 1;
                while (end < template.length() && nameChar(template.charAt(end))) {
                    end++;
                }
                if (end > i + 1 && end < template.length() && template.charAt(end) == '>') {
                    return false;
                }
            }
        }
        return true;
    }

    /** A character of a parameter's or an attribute's name, as both lexers read names in ASCII. */
    static boolean nameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '_' || c == '.';
    }

    private record Templates(TemplateEngine lexed) implements TemplateEngine.Parsing {

        @Override
        public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
            if (plainForTemplates(template)) {
                return Optional.of(context -> template);
            }
            return lexed.parse(template, config);
        }
    }

    /**
     * {@code :name} (letters, digits, {@code $ _ .}) is a parameter unless it follows a colon as {@code ::}, or stands
     * inside quotes.
     */
    private record Parameters(SqlParser lexed, Map<String, ParsedSql> read) implements SqlParser {

        /** As many texts as Jdbi's own parser keeps (a statement run in a loop is read once, as before). */
        private static final int KEPT = 1_000;

        Parameters(SqlParser lexed) {
            this(lexed, new ConcurrentHashMap<>());
        }

        @Override
        public ParsedSql parse(String sql, StatementContext context) {
            ParsedSql known = read.get(sql);
            if (known != null) {
                return known;
            }
            if (!plainForParameters(sql)) {
                return lexed.parse(sql, context);
            }
            ParsedSql parsed = readByHand(sql);
            if (read.size() < KEPT) {
                read.put(sql, parsed);
            }
            return parsed;
        }

        private static ParsedSql readByHand(String sql) {
            ParsedSql.Builder parsed = ParsedSql.builder();
            int copied = 0;
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\'' || c == '"') {
                    i = afterQuoted(sql, i);
                } else if (c != ':') {
                    i++;
                } else if (i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                    i += 2;
                } else {
                    int end = i + 1;
                    while (end < sql.length() && nameChar(sql.charAt(end))) {
                        end++;
                    }
                    if (end > i + 1) {
                        parsed.append(sql.substring(copied, i));
                        parsed.appendNamedParameter(sql.substring(i + 1, end));
                        copied = end;
                    }
                    i = end;
                }
            }
            return parsed.append(sql.substring(copied)).build();
        }

        @Override
        public String nameParameter(String rawName, StatementContext context) {
            return lexed.nameParameter(rawName, context);
        }

        /**
         * Where the text quoted at {@code at} ends: after the closing quote of {@code '…'} (no backslash in plain text) or
         * of {@code "…"} with at least one character inside; an unclosed quote, or {@code ""}, is one literal character.
         */
        private static int afterQuoted(String sql, int at) {
            char quote = sql.charAt(at);
            if (quote == '"' && (at + 1 >= sql.length() || sql.charAt(at + 1) == '"')) {
                return at + 1;
            }
            int close = sql.indexOf(quote, quote == '"' ? at + 2 : at + 1);
            return close < 0 ? at + 1 : close + 1;
        }
    }
}
