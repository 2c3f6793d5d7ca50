package dev.shiplog.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shiplog.cli.outcome.CliException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {

    @TempDir
    Path dir;

    ConfigFile config(String text, String mode) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return new ConfigFile(file);
    }

    static final Map<String, String> ENV = Map.of("SHIPLOG_URL", "http://env:1", "SHIPLOG_TOKEN", "env-token");

    @Test
    void aFlagComesBeforeTheEnvironmentWhichComesBeforeTheFile() throws Exception {
        // given
        ConfigFile file = config("url=http://file:3\ntoken=file-token\n", "rw-------");
        // when / then
        Connection flags = ConnectionResolver.resolve("http://flag:2/", "flag-token", ENV, file);
        assertEquals(URI.create("http://flag:2"), flags.url());
        assertEquals("flag-token", flags.token());
        assertEquals("--url", flags.urlSource());
        Connection env = ConnectionResolver.resolve(null, null, ENV, file);
        assertEquals(URI.create("http://env:1"), env.url());
        assertEquals("env-token", env.token());
        assertEquals("SHIPLOG_TOKEN", env.tokenSource());
        Connection fromFile = ConnectionResolver.resolve(null, null, Map.of(), file);
        assertEquals(URI.create("http://file:3"), fromFile.url());
        assertEquals("file-token", fromFile.token());
        Connection mixed = ConnectionResolver.resolve(null, "flag-token", Map.of(), file);
        assertEquals(URI.create("http://file:3"), mixed.url());
        assertEquals("flag-token", mixed.token());
    }

    @Test
    void withNothingGivenTheUrlIsLocalhostAndThereIsNoToken() {
        Connection none = ConnectionResolver.resolve(null, null, Map.of(), new ConfigFile(dir.resolve("none")));
        assertEquals(URI.create("http://localhost:8080"), none.url());
        assertNull(none.token());
    }

    @Test
    void theFileIsNotReadWhenFlagsAndEnvironmentSayEverything() throws Exception {
        // given a file others may read
        ConfigFile open = config("token=file-token\n", "rw-r--r--");
        // when / then: not needed, not read
        assertEquals("env-token", ConnectionResolver.resolve(null, null, ENV, open).token());
        // but needed: refused
        assertEquals(2, assertThrows(CliException.class,
                () -> ConnectionResolver.resolve(null, null, Map.of(), open)).exitCode());
    }

    @Test
    void theLocalTokenFileIsTheLastResortAndMustBeTheOwnersOnly() throws Exception {
        // given
        Path token = dir.resolve("admin-token");
        Files.writeString(token, "local-token\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = Map.of("SHIPLOG_LOCAL_TOKEN_FILE", token.toString());
        ConfigFile none = new ConfigFile(dir.resolve("none"));
        // when / then
        assertEquals("local-token", ConnectionResolver.resolve(null, null, env, none).token());
        assertEquals("file-token", ConnectionResolver.resolve(null, null, env, config("token=file-token", "rw-------"))
                .token());
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThrows(CliException.class, () -> ConnectionResolver.resolve(null, null, env, none));
    }

    @Test
    void aUrlThatIsNotHttpOrATokenThatCouldBreakAHeaderIsAUsageError() {
        ConfigFile none = new ConfigFile(dir.resolve("none"));
        for (String url : new String[] { "ftp://x", "localhost:8080", "http://", "http://u:p@host", "http://h/?q",
            "javascript:alert(1)" }) {
            assertEquals(2, assertThrows(CliException.class,
                    () -> ConnectionResolver.resolve(url, "t", Map.of(), none), url).exitCode());
        }
        for (String token : new String[] { "a b", "a\r\nX-Evil: 1", "tök" }) {
            assertEquals(2, assertThrows(CliException.class,
                    () -> ConnectionResolver.resolve(null, token, Map.of(), none), token).exitCode());
        }
    }
}
