package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.internal.JfrSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jdbi's statements leave the flight recorder alone (ADR 27): the app's own {@code JfrSupport} is the one the class path
 * gives, it answers what Jdbi's asks of it, and a process that opens a registry and runs statements never initialises
 * the recorder's metadata, which Jdbi's own class does on the first statement.
 */
class JdbiFlightRecorderTest {

    @TempDir
    Path dir;

    /** Opens a new registry and reads from it: the statements a command runs first. */
    public static final class Child {
        public static void main(String[] args) {
            try (Registry registry = Registry.create(Path.of(args[0]))) {
                registry.read(store -> store.catalog().rolesOf("nobody"));
                registry.read(store -> store.audit().lastSeq());
            }
            System.out.println("statements-done");
        }
    }

    @Test
    void theAppsClassTakesThePlaceOfJdbisAndOffersTheSameMethods() throws Exception {
        URL jdbiJar = Jdbi.class.getProtectionDomain().getCodeSource().getLocation();
        URL ours = JfrSupport.class.getProtectionDomain().getCodeSource().getLocation();
        assertNotEquals(jdbiJar, ours, "the class path gives Jdbi's own JfrSupport: the app's must come first");

        try (URLClassLoader jdbiOnly = new URLClassLoader(new URL[] {jdbiJar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> jdbis = Class.forName(JfrSupport.class.getName(), false, jdbiOnly);
            assertEquals(publicMethods(jdbis), publicMethods(JfrSupport.class),
                    "Jdbi's JfrSupport changed (a Jdbi upgrade?): its methods must be those of the app's, or the app's removed");
        }
    }

    @Test
    void aProcessRunningStatementsNeverStartsTheRecordersMetadata() throws Exception {
        String log = runChild("-Xlog:class+load=info");

        assertTrue(log.contains("statements-done"), log);
        assertTrue(log.contains("org.jdbi.v3.core.statement.SqlStatement "), "the child ran Jdbi's statements: " + tail(log));
        assertFalse(log.contains("jdk.jfr.internal.MetadataRepository"), "the recorder's metadata was loaded");
    }

    private String runChild(String logging) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), logging, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), dir.resolve("registry.db").toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ended");
        assertEquals(0, child.exitValue(), tail(output));
        return output;
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(JdbiFlightRecorderTest::signature).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method method) {
        return (Modifier.isStatic(method.getModifiers()) ? "static " : "") + method.getReturnType().getName() + " " + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 2000)).replace(File.pathSeparator, " ");
    }
}
