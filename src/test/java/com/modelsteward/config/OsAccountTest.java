package com.modelsteward.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theFileIsReadInsteadOfGetentOnlyWhenTheSystemAsksItFirst() {
        assertEquals(true, OsAccount.filesFirst("passwd:         files systemd\ngroup: files systemd\n"));
        assertEquals(true, OsAccount.filesFirst("# passwd: ldap files\npasswd: files [NOTFOUND=return] ldap # local first\n"));
        assertEquals(false, OsAccount.filesFirst("passwd: ldap files\n"), "a directory service answers first");
        assertEquals(false, OsAccount.filesFirst("passwd: sss files\n"));
        assertEquals(false, OsAccount.filesFirst("passwd: compat\n"), "compat entries (+, -) are not plain lines");
        assertEquals(false, OsAccount.filesFirst("passwd: [SUCCESS=continue] files\n"));
        assertEquals(false, OsAccount.filesFirst("passwd: files\npasswd: ldap\n"), "two passwd lines: which one the system reads is not ours to guess");
        assertEquals(false, OsAccount.filesFirst("group: files\n"), "no passwd line");
        assertEquals(false, OsAccount.filesFirst(""));
        assertEquals(false, OsAccount.filesFirst("passwd:\n"));
    }

    @Test
    void aFilesFirstSystemsHomeComesFromItsPasswdFileAndAnyDoubtAsksGetent(@TempDir Path dir) throws Exception {
        Path nsswitch = Files.writeString(dir.resolve("nsswitch.conf"), "passwd: files systemd\n");
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                carol:x:1001:1001:Carol,,,:/home/carol:/bin/bash
                again:x:1001:1001::/home/again:/bin/sh
                """);
        assertEquals(Optional.of(Path.of("/home/carol")), OsAccount.filesFirstHome(nsswitch, passwd, 1001), "the first line with the uid, as getent");
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(nsswitch, passwd, 1002), "not in the file: getent asks the other sources");

        Files.writeString(dir.resolve("ldap.conf"), "passwd: ldap files\n");
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(dir.resolve("ldap.conf"), passwd, 1001));
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(dir.resolve("missing.conf"), passwd, 1001));
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(nsswitch, dir.resolve("missing"), 1001));

        Files.writeString(passwd, "+carol:x:1001:1001::/home/plus:/bin/sh\ncarol:x:1001:1001::/home/carol:/bin/bash\n");
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(nsswitch, passwd, 1001), "compat entries: getent decides");
        Files.write(passwd, new byte[] {'c', ':', 'x', ':', '1', ':', '1', ':', (byte) 0xFF, ':', '/', 'h', ':', '/', 's', '\n'});
        assertEquals(Optional.empty(), OsAccount.filesFirstHome(nsswitch, passwd, 1), "not UTF-8: getent decides");
    }

    @Test
    void thisMachinesHomeIsTheSameEitherWay() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/getent")) && Files.isReadable(Path.of("/etc/nsswitch.conf")), "a Unix with getent");
        long uid = OsAccount.current().uid();
        Optional<Path> fromFile = OsAccount.filesFirstHome(Path.of("/etc/nsswitch.conf"), Path.of("/etc/passwd"), uid);
        assumeTrue(fromFile.isPresent(), "this machine reads /etc/passwd first and has the account there");
        String[] passwd = run("/usr/bin/getent", "passwd", Long.toString(uid)).split(":");
        assertEquals(Path.of(passwd[5]), fromFile.get());
    }
}
