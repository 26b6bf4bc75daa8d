package com.modelsteward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which face of the app a start shows: the console for no words or console options, the command line otherwise. */
class MainTest {

    @Test
    void noWordsOrConsoleOptionsOpenTheConsole() {
        assertTrue(Main.opensConsole(new String[0]));
        assertTrue(Main.opensConsole(new String[] {"--db", "team.db"}));
        assertTrue(Main.opensConsole(new String[] {"--db", "postgresql://db.example/steward"}));
        assertTrue(Main.opensConsole(new String[] {"--smoke", "--db", "team.db"}));
    }

    @Test
    void aCommandHelpOrVersionRunsTheCommandLine() {
        assertFalse(Main.opensConsole(new String[] {"status", "--db", "team.db"}));
        assertFalse(Main.opensConsole(new String[] {"help"}));
        assertFalse(Main.opensConsole(new String[] {"--help"}));
        assertFalse(Main.opensConsole(new String[] {"-h"}));
        assertFalse(Main.opensConsole(new String[] {"--version"}));
        assertFalse(Main.opensConsole(new String[] {"-V"}));
    }
}
