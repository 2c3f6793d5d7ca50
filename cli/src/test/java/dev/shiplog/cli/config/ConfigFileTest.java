package dev.shiplog.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.cli.outcome.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path home;

    @Test
    void loginWritesAFileOnlyItsOwnerMayReadInADirectoryOnlyItsOwnerMayEnter() throws Exception {
        // given
        ConfigFile config = ConfigFile.forEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()));
        // when
        config.write(Map.of("url", "http://gateway:8080", "token", "shp_secret"));
        // then
        assertEquals(home.resolve("xdg/shiplog/config"), config.path());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                config.path().getParent())));
        assertEquals(Map.of("url", "http://gateway:8080", "token", "shp_secret"), config.read().orElseThrow());
    }

    @Test
    void withoutXdgConfigHomeTheFileIsUnderHomeDotConfig() {
        ConfigFile config = ConfigFile.forEnvironment(Map.of("HOME", "/home/dev"));
        assertEquals(Path.of("/home/dev/.config/shiplog/config"), config.path());
    }

    @Test
    void aFileTheGroupOrOthersMayReadOrWriteIsRefusedWithHowToFixIt() throws Exception {
        for (String mode : new String[] { "rw-r--r--", "rw-r-----", "rw--w----", "rw----r--", "rw-------" }) {
            // given
            ConfigFile config = new ConfigFile(home.resolve("config-" + mode));
            Files.writeString(config.path(), "token=shp_secret\n");
            Files.setPosixFilePermissions(config.path(), PosixFilePermissions.fromString(mode));
            if (mode.equals("rw-------")) {
                assertEquals("shp_secret", config.read().orElseThrow().get("token"));
                continue;
            }
            // when
            CliException refused = assertThrows(CliException.class, config::read, mode);
            // then
            assertEquals(2, refused.exitCode());
            assertTrue(refused.getMessage().contains("chmod 600 " + config.path()), refused.getMessage());
            assertTrue(refused.getMessage().contains(mode), refused.getMessage());
        }
    }

    @Test
    void noFileIsNoValues() {
        assertTrue(new ConfigFile(home.resolve("none")).read().isEmpty());
    }

    @Test
    void linesAreKeyEqualsValueAndCommentsAndOddLinesAreSkipped() {
        assertEquals(Map.of("url", "http://x:8080/a=b", "token", "t"),
                ConfigFile.parse("# comment\nurl = http://x:8080/a=b\n\nnonsense\n=novalue\ntoken=t\n"));
    }
}
