package com.modelsteward.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account this process really runs as: who acts in every registry, and whose home holds the data
 * directory and the private keys.
 *
 * <p>It comes from the OS, never from the client: {@code user.name}, {@code user.home}, {@code $USER} and {@code $HOME}
 * are whatever the person starting the JVM typed ({@code java -Duser.name=carol}, {@code JAVA_TOOL_OPTIONS}), so they
 * say nothing about who that person is. On Unix the name is looked up from the real uid by the JDK
 * ({@code com.sun.security.auth.module.UnixSystem}, module jdk.security.auth) and the home from the account database
 * ({@code /etc/passwd} where nsswitch.conf has the system read it first, else {@code getent passwd <uid>}, else
 * {@code /etc/passwd}, else macOS's directory service); on Windows the logon comes
 * from {@code NTSystem} and the home from the profile list the OS keeps for the account's SID.
 *
 * @param uid the numeric uid on Unix; -1 on Windows, where files are owned by account names
 */
public record OsAccount(String name, long uid, Path home) {

    private static volatile OsAccount current;

    /** Why the account cannot be known; one sentence for the person at the terminal. */
    public static final class Unavailable extends RuntimeException {

        Unavailable(String message) {
            super(message);
        }
    }

    /** The account of this process, looked up once. */
    public static OsAccount current() {
        OsAccount account = current;
        if (account == null) {
            account = lookUp();
            current = account;
        }
        return account;
    }

    public boolean unix() {
        return uid >= 0;
    }

    private static OsAccount lookUp() {
        Optional<OsAccount> unix = unixAccount();
        if (unix.isPresent()) {
            return unix.get();
        }
        Optional<OsAccount> windows = windowsAccount();
        if (windows.isPresent()) {
            return windows.get();
        }
        throw new Unavailable("cannot tell which operating-system account runs this program: this Java runtime has neither "
                + "UnixSystem nor NTSystem (module jdk.security.auth), and the app never takes your identity from user.name or $USER");
    }

    private static Optional<OsAccount> unixAccount() {
        com.sun.security.auth.module.UnixSystem system;
        try {
            system = new com.sun.security.auth.module.UnixSystem();
        } catch (LinkageError notUnixOrNotInRuntime) {
            return Optional.empty();
        }
        long uid = system.getUid();
        String name = system.getUsername();
        if (name == null || name.isBlank()) {
            throw new Unavailable("the operating system has no account name for uid " + uid + "; add the account to the "
                    + "account database (getent passwd " + uid + " shows nothing)");
        }
        Path home = unixHome(uid, name).orElseThrow(() -> new Unavailable("the operating system reports no home directory for "
                + name + " (uid " + uid + "): neither `getent passwd " + uid + "` nor /etc/passwd has one"));
        return Optional.of(new OsAccount(name, uid, home));
    }

    static Optional<Path> unixHome(long uid, String name) {
        Optional<Path> local = filesFirstHome(Path.of("/etc/nsswitch.conf"), Path.of("/etc/passwd"), uid);
        if (local.isPresent()) {
            return local;
        }
        // Fixed paths, not $PATH: the account database is asked by the system's own tools.
        for (String getent : List.of("/usr/bin/getent", "/bin/getent")) {
            if (Files.isExecutable(Path.of(getent))) {
                Optional<Path> home = run(getent, "passwd", Long.toString(uid)).flatMap(out -> passwdHome(out, uid));
                if (home.isPresent()) {
                    return home;
                }
            }
        }
        try {
            Path passwd = Path.of("/etc/passwd");
            if (Files.isReadable(passwd)) {
                Optional<Path> home = passwdHome(Files.readString(passwd, StandardCharsets.UTF_8), uid);
                if (home.isPresent()) {
                    return home;
                }
            }
        } catch (IOException unreadable) {
            // Falls through to the directory service.
        }
        if (Files.isExecutable(Path.of("/usr/bin/dscl"))) {
            return run("/usr/bin/dscl", ".", "-read", "/Users/" + name, "NFSHomeDirectory")
                    .map(String::strip)
                    .filter(out -> out.startsWith("NFSHomeDirectory:"))
                    .map(out -> out.substring("NFSHomeDirectory:".length()).strip())
                    .filter(path -> path.startsWith("/"))
                    .map(Path::of);
        }
        return Optional.empty();
    }

    /**
     * The home in {@code passwd} when the system asks that file first for accounts ({@code nsswitch}'s passwd line names
     * {@code files} first) and it has the uid: then {@code getent passwd <uid>} would print that very line, so reading
     * it answers the same without starting a process at every command. Empty whenever that is not certain: either file
     * unreadable, another source first or the line given twice, compat entries ({@code +} or {@code -}) in the file, or
     * no line for the uid; the caller then asks {@code getent}. Both files belong to the system, not to the client.
     */
    static Optional<Path> filesFirstHome(Path nsswitch, Path passwd, long uid) {
        try {
            if (!filesFirst(Files.readString(nsswitch, StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            String accounts = Files.readString(passwd, StandardCharsets.UTF_8);
            if (accounts.lines().anyMatch(line -> line.startsWith("+") || line.startsWith("-"))) {
                return Optional.empty();
            }
            return passwdHome(accounts, uid);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether an nsswitch.conf has exactly one passwd line and its first source is {@code files}. */
    static boolean filesFirst(String nsswitch) {
        String sources = null;
        for (String line : nsswitch.split("\\R")) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            int colon = content.indexOf(':');
            if (colon > 0 && content.substring(0, colon).strip().equals("passwd")) {
                if (sources != null) {
                    return false;
                }
                sources = content.substring(colon + 1).strip();
            }
        }
        return sources != null && sources.split("\\s+")[0].equals("files");
    }

    /** The home field of the first passwd line (name:pw:uid:gid:gecos:home:shell) whose uid is {@code uid}. */
    static Optional<Path> passwdHome(String passwd, long uid) {
        for (String line : passwd.split("\\R")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 7 && fields[2].equals(Long.toString(uid)) && fields[5].startsWith("/")) {
                return Optional.of(Path.of(fields[5]));
            }
        }
        return Optional.empty();
    }

    private static Optional<OsAccount> windowsAccount() {
        com.sun.security.auth.module.NTSystem system;
        try {
            system = new com.sun.security.auth.module.NTSystem();
        } catch (LinkageError notWindowsOrNotInRuntime) {
            return Optional.empty();
        }
        String name = system.getName();
        String sid = system.getUserSID();
        if (name == null || name.isBlank() || sid == null || !sid.matches("S-[0-9-]+")) {
            throw new Unavailable("Windows reports no logon name for this process");
        }
        String systemRoot = Environment.process().get("SystemRoot").filter(root -> root.matches("[A-Za-z]:\\\\[^;]*"))
                .orElse("C:\\Windows");
        Path home = run(systemRoot + "\\System32\\reg.exe", "query",
                "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\" + sid, "/v", "ProfileImagePath")
                .flatMap(OsAccount::registryValue)
                .map(Path::of)
                .orElseThrow(() -> new Unavailable("Windows reports no profile folder for " + name + " (" + sid + ")"));
        return Optional.of(new OsAccount(name, -1, home));
    }

    private static Optional<String> registryValue(String regOutput) {
        for (String line : regOutput.split("\\R")) {
            String[] parts = line.strip().split("\\s+REG_(EXPAND_)?SZ\\s+", 2);
            if (parts.length == 2 && parts[0].equals("ProfileImagePath")) {
                return Optional.of(parts[1].strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException failed) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
