package com.modelsteward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The account comes from the OS: the same answers as the system's own tools, whatever user.name says. */
class OsAccountTest {

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void nameUidAndHomeAreWhatTheSystemToolsSay() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/id")) && Files.isExecutable(Path.of("/usr/bin/getent")), "a Unix with id and getent");
        OsAccount account = OsAccount.current();
        assertEquals(run("/usr/bin/id", "-un"), account.name());
        assertEquals(Long.parseLong(run("/usr/bin/id", "-u")), account.uid());
        String[] passwd = run("/usr/bin/getent", "passwd", Long.toString(account.uid())).split(":");
        assertEquals(Path.of(passwd[5]), account.home());
    }

    @Test
    void theClientsPropertiesChangeNothing() {
        String name = System.getProperty("user.name");
        String home = System.getProperty("user.home");
        try {
            System.setProperty("user.name", "carol");
            System.setProperty("user.home", "/tmp/carol");
            OsAccount account = OsAccount.current();
            assertEquals(Optional.of(account.home()), OsAccount.unixHome(account.uid(), account.name()),
                    "the home is looked up again from the account database, not from user.home");
            assumeTrue(!account.name().equals("carol"));
            assertEquals(false, account.home().equals(Path.of("/tmp/carol")));
        } finally {
            System.setProperty("user.name", name);
            System.setProperty("user.home", home);
        }
    }

    @Test
    void passwdLinesAreMatchedByUidNotByName() {
        String passwd = """
                root:x:0:0:root:/root:/bin/bash
                carol:x:1001:1001:Carol,,,:/home/carol:/bin/bash
                mallory:x:1002:1002::/home/mallory:/bin/sh
                """;
        assertEquals(Optional.of(Path.of("/home/carol")), OsAccount.passwdHome(passwd, 1001));
        assertEquals(Optional.of(Path.of("/root")), OsAccount.passwdHome(passwd, 0));
        assertEquals(Optional.empty(), OsAccount.passwdHome(passwd, 100));
    }
}
