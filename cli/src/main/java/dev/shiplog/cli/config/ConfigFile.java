package dev.shiplog.cli.config;

import dev.shiplog.cli.outcome.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CLI's configuration file, {@code $XDG_CONFIG_HOME/shiplog/config} (else {@code ~/.config/shiplog/config}):
 * {@code key=value} lines ({@code url}, {@code token}), {@code #} comments. It holds a credential, so it is written
 * readable by its owner only (0600, in a 0700 directory), and a file that anyone else may read or write is refused.
 */
public final class ConfigFile {

    static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** Where the file is for this environment: XDG_CONFIG_HOME, else HOME/.config. */
    public static ConfigFile forEnvironment(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ConfigFile(base.resolve("shiplog").resolve("config"));
    }

    public Path path() {
        return path;
    }

    /** The file's values; empty if there is no file. Refuses (exit 2) a file others may read or write. */
    public Optional<Map<String, String>> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        checkOwnerOnly(path);
        try {
            return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw CliException.usage("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Replaces the file with {@code values}: written to a 0600 file beside it, then moved over it. */
    public void write(Map<String, String> values) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(dir, ".config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, format(values), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw CliException.usage("cannot write " + path + ": " + e.getMessage());
        }
    }

    /** Refuses (exit 2) a file holding a credential that its group or others may read, write or run. */
    public static void checkOwnerOnly(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw CliException.usage("refusing to read " + file + ": it holds a credential and others may access it"
                    + " (mode " + PosixFilePermissions.toString(permissions) + "); make it yours only: chmod 600 "
                    + file);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || equals <= 0) {
                continue;
            }
            values.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return values;
    }

    static String format(Map<String, String> values) {
        StringBuilder text = new StringBuilder("# written by shiplog login; readable by you only\n");
        values.forEach((key, value) -> {
            if (value != null) {
                text.append(key).append('=').append(value).append('\n');
            }
        });
        return text.toString();
    }
}
