package com.modelsteward.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No SQL is built from input: the SQL argument of every Jdbi/JDBC call in the main sources must be string literals (text
 * blocks included), joined only to other literals or UPPER_CASE constants, or one of the vetted expressions below. Values
 * go in through bind parameters. {@code formatted(…)}, {@code String.format} and {@code + variable} fail the build.
 */
class NoSqlConcatenationTest {

    private static final Pattern CALL = Pattern.compile(
            "(\\w+)\\s*\\.\\s*(createQuery|createUpdate|prepareBatch|createScript|executeUpdate|executeQuery|prepareStatement|createCall|execute)\\s*\\(");
    /** Receivers whose {@code execute(…)} takes SQL; {@code execute} on anything else (tasks, commands) is not SQL. */
    private static final Set<String> SQL_EXECUTORS = Set.of("handle", "h", "statement", "sql", "connection", "jdbi");
    /** Reviewed non-literal SQL: migration scripts shipped inside the jar, and a constant query of the dialect. */
    private static final Set<String> VETTED = Set.of("migration.sql()", "SqliteDialect.dataVersionQuery()");
    /**
     * The store's {@code Dialect} applied to a literal or a constant: its methods only rename a table or pick a statement
     * per engine (registry.sql.Dialect), never take a value.
     */
    private static final Pattern DIALECT = Pattern.compile("dialect\\.\\w+\\((L|[A-Z][A-Z0-9_]*)\\)");
    /** Literals and UPPER_CASE constants joined by +; a constant alone too (ModelCatalog's queries are constants). */
    private static final Pattern SAFE = Pattern.compile("(L|[A-Z][A-Z0-9_]*)(\\s*\\+\\s*(L|[A-Z][A-Z0-9_]*|[A-Z]\\w*\\.[A-Z][A-Z0-9_]*))*");

    @Test
    void everySqlArgumentInTheMainSourcesIsConstant() throws IOException {
        List<String> offenders = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                for (String finding : findings(source)) {
                    if (finding.startsWith("ok ")) {
                        calls++;
                    } else {
                        offenders.add(file + ": " + finding);
                    }
                }
            }
        }
        assertEquals("", String.join("\n", offenders), "SQL built from non-constant text");
        assertTrue(calls > 50, "the scan found only " + calls + " SQL calls; is it still looking at the right sources?");
    }

    @Test
    void theScanCatchesConcatenationAndFormatting() {
        String bad = """
                class X {
                    void a(Handle handle, String name) {
                        handle.createQuery("SELECT * FROM t WHERE a = '" + name + "'").mapToMap().list();
                        handle.createUpdate("DELETE FROM %s".formatted(name)).execute();
                        h.execute(String.format("DROP TABLE %s", name));
                        statement.executeQuery(sqlFromSomewhere);
                        handle.createQuery("SELECT 1 FROM t WHERE a = :a AND b = " + LIMIT).bind("a", name);
                        worker.execute(task);
                    }
                }
                """;
        List<String> findings = findings(bad);
        assertEquals(4, findings.stream().filter(f -> !f.startsWith("ok ")).count(), findings.toString());
        assertEquals(1, findings.stream().filter(f -> f.startsWith("ok ")).count(), findings.toString());
    }

    /** One entry per SQL call: "ok …" when its SQL is constant, otherwise the offending argument. */
    static List<String> findings(String source) {
        List<String> findings = new ArrayList<>();
        Matcher call = CALL.matcher(source);
        while (call.find()) {
            String receiver = call.group(1);
            if (call.group(2).equals("execute") && !SQL_EXECUTORS.contains(receiver)) {
                continue;
            }
            if (insideLiteralOrComment(source, call.start())) {
                continue;
            }
            String argument = firstArgument(source, call.end());
            String shape = literalsAsL(argument).strip();
            if (SAFE.matcher(shape).matches() || DIALECT.matcher(shape).matches() || VETTED.contains(argument.strip())) {
                findings.add("ok " + call.group(2));
            } else if (shape.isEmpty()) {
                findings.add("ok " + call.group(2) + " (no argument)");
            } else {
                findings.add(receiver + "." + call.group(2) + "(" + argument.strip().replaceAll("\\s+", " ") + ")");
            }
        }
        return findings;
    }

    /** The text of the first argument: up to the first comma or closing parenthesis at depth 0, literals skipped whole. */
    private static String firstArgument(String source, int from) {
        int depth = 0;
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) {
                i = source.indexOf("\"\"\"", i + 3) + 3;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = endOfQuoted(source, i);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            i++;
        }
        return source.substring(from, i);
    }

    /** Replaces each string literal or text block by the letter L; what remains is the expression's shape. */
    private static String literalsAsL(String argument) {
        StringBuilder shape = new StringBuilder();
        int i = 0;
        while (i < argument.length()) {
            if (argument.startsWith("\"\"\"", i)) {
                i = argument.indexOf("\"\"\"", i + 3) + 3;
                shape.append('L');
            } else if (argument.charAt(i) == '"') {
                i = endOfQuoted(argument, i);
                shape.append('L');
            } else {
                shape.append(argument.charAt(i++));
            }
        }
        return shape.toString();
    }

    private static int endOfQuoted(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** Whether {@code position} lies in a // comment, or inside a string or text block (SQL examples in Javadoc aside). */
    private static boolean insideLiteralOrComment(String source, int position) {
        int lineStart = source.lastIndexOf('\n', position) + 1;
        String line = source.substring(lineStart, position);
        if (line.contains("//") || line.strip().startsWith("*")) {
            return true;
        }
        long quotes = line.chars().filter(c -> c == '"').count();
        return quotes % 2 == 1;
    }
}
