package dev.shiplog.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy --dir}: the directory becomes a .tar.gz of its sources, without .git, whatever its name. */
class SourceDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aDirectoryIsPackedWithoutItsGitEvenWhenItsNameLooksLikeAnOption() throws Exception {
        // given a directory named like an option, with sources, a sub-directory and a .git
        Path dir = Files.createDirectories(temp.resolve("-rf"));
        Files.writeString(dir.resolve("index.html"), "<h1>hi</h1>");
        Files.createDirectories(dir.resolve("css"));
        Files.writeString(dir.resolve("css/site.css"), "h1 {}");
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main");
        // when
        Path archive = SourceDirectory.pack(dir);
        // then
        Process list = new ProcessBuilder("tar", "-tzf", archive.toString()).start();
        List<String> entries = Arrays.stream(new String(list.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).split("\n")).filter(e -> !e.isBlank() && !e.endsWith("/")).sorted().toList();
        assertEquals(0, list.waitFor());
        assertEquals(List.of("./css/site.css", "./index.html"), entries);
        Files.delete(archive);
    }
}
