package io.secumon.agent.collect.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the owners of processes from the password file, read again only when a uid it does
 * not know shows up and the file changed since (a user added); a uid with no entry is named
 * by its number, as {@code ps} does.
 */
public final class UserNames {

    private final Path passwd;
    private Map<Integer, String> names = Map.of();
    private FileTime readVersion;

    /** @param passwd the password file ({@code /etc/passwd}; a test file in tests) */
    public UserNames(Path passwd) {
        this.passwd = passwd;
    }

    /** The name of the user owning {@code path}, or "" when the owner cannot be read. */
    String ownerOf(Path path) {
        try {
            return name((Integer) Files.getAttribute(path, "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The name of {@code uid}. */
    synchronized String name(int uid) {
        String name = names.get(uid);
        if (name == null) {
            FileTime version = modified();
            if (!version.equals(readVersion)) {
                names = read();
                readVersion = version;
                name = names.get(uid);
            }
        }
        return name != null ? name : Integer.toString(uid);
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(passwd);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Map<Integer, String> read() {
        Map<Integer, String> byUid = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", 4); // name:password:uid:...
                if (fields.length == 4) {
                    try {
                        byUid.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                    } catch (NumberFormatException e) {
                        // not an entry (a comment, an NIS marker): skip it
                    }
                }
            }
        } catch (IOException e) {
            return Map.of(); // no password file: numeric names
        }
        return byUid;
    }
}
