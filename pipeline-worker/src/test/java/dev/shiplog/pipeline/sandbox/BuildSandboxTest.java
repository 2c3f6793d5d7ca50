package dev.shiplog.pipeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sandbox is told: sizes, and only the outermost of nested hidden directories. */
class BuildSandboxTest {

    @Test
    void aHiddenDirectoryBelowAnotherIsHiddenWithIt() {
        assertEquals(List.of(Path.of("/work/main"), Path.of("/root")), BuildSandbox.outermost(List.of(
                Path.of("/work/main"), Path.of("/work/main/.shiplog/pipeline"), Path.of("/root"),
                Path.of("/work/main"))));
    }

    @Test
    void sizesAreReadAsTheyAreWritten() {
        assertEquals(1L << 30, BuildSandbox.bytes("1g"));
        assertEquals(512L << 20, BuildSandbox.bytes("512m"));
        assertEquals(4096, BuildSandbox.bytes("4k"));
        assertEquals(100, BuildSandbox.bytes("100"));
    }
}
