package com.modelsteward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.modelsteward.governance.GovernanceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy inputs too big or too odd for the corpus in git: a pipe that never ends, a pipe that gives nothing, a
 * 100 MB one-line comment. Each is refused with one sentence, in bounded memory, without waiting for the writer.
 */
class PolicyLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aHundredMegabyteCommentThroughAPipeStopsAtTheLimit() throws Exception {
        Path pipe = fifo("comment.yaml");
        long[] written = {0};
        Thread writer = Thread.ofPlatform().start(() -> {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write("# ".getBytes(StandardCharsets.US_ASCII));
                while (written[0] < 100L * 1024 * 1024) {
                    out.write(chunk);
                    written[0] += chunk.length;
                }
            } catch (IOException readerWentAway) {
                // the reader closes the pipe at the limit: the writer's broken pipe is the expected end
            }
        });
        assertEquals(pipe + " line 1: the file goes on past the limit of 1048576 bytes for a policy file", refusal(pipe));
        writer.join();
    }

    @Test
    void aPipeThatGivesNothingIsNotCalledAnEmptyFile() throws Exception {
        Path pipe = fifo("nothing.yaml");
        Thread writer = Thread.ofPlatform().start(() -> {
            try (OutputStream ignored = Files.newOutputStream(pipe)) {
                // opened and closed at once: the reader sees the end of the pipe with no byte
            } catch (IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
        });
        assertEquals(pipe + " is a pipe or device that gave no content; expected a policy in YAML or JSON", refusal(pipe));
        writer.join();
    }

    @Test
    void aFolderAndAMissingFileAreNamedAsSuch() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertEquals(folder + " is a folder, not a policy file", refusal(folder));
        assertEquals(dir.resolve("absent.yaml") + " does not exist", refusal(dir.resolve("absent.yaml")));
    }

    @Test
    void moreKeysThanTheLimitAreRefusedAtTheLineWhereTheyPassIt() throws Exception {
        StringBuilder text = new StringBuilder("name: many\ntypes:\n");
        for (int i = 0; i < PolicyLoader.MAX_KEYS; i++) {
            text.append("  t").append(i).append(": {}\n");
        }
        Path file = Files.writeString(dir.resolve("many-keys.yaml"), text);
        assertEquals(file + " line 10001: the policy has more than 10000 keys", refusal(file));
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path pipe = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        return pipe;
    }

    private static String refusal(Path file) {
        GovernanceException refused = assertThrows(GovernanceException.class, () -> PolicyLoader.load(file, Map.of()));
        assertEquals("E_POLICY_INVALID", refused.code());
        return refused.getMessage();
    }
}
