package com.modelsteward.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who logs in to a server registry and with what password, by libpq's rules: the login named in the address, else
 * {@code PGUSER}, else the OS account; the password written in the address, else {@code PGPASSWORD}, else the first
 * matching line of the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}; ignored, as libpq does, when group or
 * others may read it), else none — the server then asks and the console or the terminal prompts. A password is held
 * only in memory for the connection: it is never written to settings, logs or the audit trail.
 */
public final class ServerLogin {

    private ServerLogin() {
    }

    /** The address with its login and password filled in from {@code environment} (process variables) and {@code home}. */
    public static Location.Server resolve(Location.Server address, Map<String, String> environment, String osUser, Path home) {
        String user = !address.user().isEmpty() ? address.user() : nonBlank(environment.get("PGUSER")).orElse(osUser);
        Optional<String> password = address.password()
                .or(() -> nonBlank(environment.get("PGPASSWORD")))
                .or(() -> passwordFile(environment, home).flatMap(file -> lookup(file, address.host(), address.port(), address.database(), user)));
        return address.as(user, password.orElse(null));
    }

    private static Optional<Path> passwordFile(Map<String, String> environment, Path home) {
        return nonBlank(environment.get("PGPASSFILE")).map(Path::of).or(() -> Optional.ofNullable(home).map(h -> h.resolve(".pgpass")));
    }

    /**
     * The password of the first line of a libpq password file ({@code host:port:database:user:password}, {@code *}
     * matching anything, {@code \:} and {@code \\} escaped) that matches; empty when none does or the file is unusable.
     */
    static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file) || readableByOthers(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() != 5) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = fields.get(i).equals("*") || fields.get(i).equals(wanted[i]);
            }
            if (matches) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException noPosix) {
            return false;
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
