package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endless and huge inputs at the command line: one sentence on the error stream naming the file, the line and the
 * limit, exit status 1, no stack trace, and the registry left byte for byte as it was.
 */
class InputBoundsCliTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @TempDir
    Path dir;

    @Test
    void policySetFromDevZeroIsRefusedWithOneSentence() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        byte[] before = digest(db);
        assertEquals(1, cli.run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "ines.admin", "--file", "/dev/zero"));
        assertEquals("E_POLICY_INVALID: policy file /dev/zero must end in .yaml, .yml or .json\n", cli.err());
        Path zero = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
        assertEquals(1, cli.run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "ines.admin", "--file", zero.toString()));
        assertEquals("E_POLICY_INVALID: " + zero + " line 1: the file goes on past the limit of 1048576 bytes for a policy file\n",
                cli.err());
        Path huge = sparse(dir.resolve("huge.yaml"), 3L * 1024 * 1024 * 1024);
        assertEquals(1, cli.run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "ines.admin", "--file", huge.toString()));
        assertEquals("E_POLICY_INVALID: " + huge + " is 3221225472 bytes, over the limit of 1048576 bytes for a policy file\n",
                cli.err());
        assertArrayEquals(before, digest(db), "a refused policy changed the registry");
    }

    @Test
    void driftFromDevZeroOrAnEndlessLineIsRefusedWithOneSentence() throws Exception {
        Path samples = Files.writeString(dir.resolve("samples.csv"), "x\n1\n2\n");
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", "/dev/zero", "--current", samples.toString()));
        assertEquals("E_DRIFT_CSV: /dev/zero, line 1: the file has a line longer than 1048576 characters, the limit for a drift CSV\n",
                cli.err());
        Path endless = sparse(dir.resolve("one-line.csv"), 3L * 1024 * 1024 * 1024);
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", samples.toString(), "--current", endless.toString()));
        assertEquals("E_DRIFT_CSV: " + endless + ", line 1: the file has a line longer than 1048576 characters, the limit for a drift CSV\n",
                cli.err());
    }

    @Test
    void aFolderADanglingLinkAndAnEmptyPipeAreNamedAsSuch() throws Exception {
        Path samples = Files.writeString(dir.resolve("samples.csv"), "x\n1\n2\n");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", folder.toString(), "--current", samples.toString()));
        assertEquals("E_DRIFT_CSV: " + folder + " is a folder, not a CSV file\n", cli.err());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone.csv"));
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", dangling.toString(), "--current", samples.toString()));
        assertEquals("E_DRIFT_CSV: " + dangling + " is a symbolic link to a file that does not exist\n", cli.err());
        Path pipe = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        Thread writer = Thread.ofPlatform().start(() -> {
            try (var ignored = Files.newOutputStream(pipe)) {
                // opened and closed at once: the reader sees the end of the pipe with no byte
            } catch (IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
        });
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", pipe.toString(), "--current", samples.toString()));
        writer.join();
        assertEquals("E_DRIFT_CSV: " + pipe + " is a pipe or device that gave no content; expected a header row of feature names\n",
                cli.err());
    }

    @Test
    void aCurrentFileWhoseEveryValueIsDroppedShowsNoDataNotNormal() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.csv"), "x\n1\n2\n3\n");
        Path current = Files.writeString(dir.resolve("current.csv"), "x\nNaN\ninf\n\n");
        assertEquals(0, cli.run("cli.tester", "drift", "--reference", reference.toString(), "--current", current.toString()), cli.err());
        String row = cli.out().lines().filter(line -> line.strip().startsWith("x ")).findFirst().orElseThrow();
        assertEquals("x 3 0 2 - - - no data", row.strip().replaceAll(" +", " "));
        assertEquals(0, cli.run("cli.tester", "drift", "--reference", reference.toString(), "--current", current.toString(), "--json"));
        assertEquals("NO_DATA", com.modelsteward.json.CanonicalJson.parse(cli.out()).path("features").path(0).path("severity").asText());
    }

    /** A file of {@code size} zero bytes without a newline, made without writing them. */
    private static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
        }
        return file;
    }

    private static byte[] digest(Path file) throws IOException, NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
