package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated bash completion, run by bash as bash-completion runs it when Tab is pressed. */
class CompletionScriptTest {

    @TempDir
    Path dir;

    @Test
    void bashCompletesCommandsGroupsOptionsAndRoleNamesForBothLaunchers() throws Exception {
        Path script = dir.resolve("completion/model-steward.bash");
        CompletionScript.main(new String[] {script.toString()});
        assertEquals("request", complete(script, "model-steward", "req"));
        assertEquals("request", complete(script, "model-steward-cli", "req"));
        assertEquals("import import-csv", complete(script, "model-steward", "scorecards", ""));
        assertEquals("ANALYST RISK_OFFICER ADMIN", complete(script, "model-steward", "principal", "add", "--role", ""));
        Set<String> options = Set.of(complete(script, "model-steward", "request", "--").split(" "));
        assertTrue(options.containsAll(Set.of("--model", "--to", "--reason", "--db", "--json", "--as", "--help")), options.toString());
    }

    /** What the script offers for the last of {@code words} (empty: a Tab after a space). */
    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", """
                source "$1" 2>/dev/null; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _complete_model-steward 2>/dev/null; echo "${COMPREPLY[*]}"
                """, "bash", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor(), out);
        return out;
    }
}
