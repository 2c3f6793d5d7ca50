package dev.shiplog.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.cli.ShiplogCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** What the command line means, parsed without running anything; and the usage errors, which send nothing. */
class CommandLineTest {

    @TempDir
    Path config;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Map<String, String> env() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // nobody listens: a call that should not be made fails loudly (exit 5)
        }
        return Map.of("XDG_CONFIG_HOME", config.toString(), "SHIPLOG_URL", "http://127.0.0.1:" + port);
    }

    CommandLine line() throws Exception {
        return ShiplogCli.commandLine(env(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
    }

    int run(String... args) throws Exception {
        return ShiplogCli.run(args, env(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err));
    }

    static <T> T command(ParseResult parsed, Class<T> type) {
        return type.cast(parsed.subcommand().commandSpec().userObject());
    }

    @Test
    void everyCommandHasAHelpThatExitsZeroAndListsTheExitCodes() throws Exception {
        for (String command : line().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out.toString().startsWith("Usage: shiplog " + command), out.toString());
            assertTrue(out.toString().contains("Exit codes:") && out.toString().contains("refused by the API"),
                    command);
        }
        assertEquals(13, line().getSubcommands().size());
        assertEquals(0, run("--help"));
        assertEquals(0, run("--version"));
    }

    @Test
    void globalOptionsMayComeBeforeOrAfterTheCommand() throws Exception {
        for (String[] args : new String[][] { { "--json", "--url", "http://a:1", "status", "d1" },
            { "status", "d1", "--json", "--url", "http://a:1" } }) {
            CommandLine line = line();
            line.parseArgs(args);
            RootCommand root = line.getCommand();
            assertTrue(root.json());
            assertEquals("http://a:1", root.url);
        }
    }

    @Test
    void deployOptionsBecomeTheApisRequestAValueStartingWithADashIncluded() throws Exception {
        // given
        ParseResult parsed = line().parseArgs("deploy", "-p", "shop", "-e", "staging", "--version", "1.0",
                "--git-url", "/tmp/shiplog-git/shop", "--branch", "main", "--build-command", "-q; echo hi",
                "--output-dir", "dist", "--var", "A=1", "--var", "B=two=2", "--build-timeout", "60", "-f",
                "--timeout", "2m");
        DeployCommand deploy = command(parsed, DeployCommand.class);
        // when
        String body = deploy.request.body(null).toString();
        // then
        assertEquals(new ObjectMapper().readTree("{\"projectId\":\"shop\",\"environment\":\"staging\","
                + "\"version\":\"1.0\",\"gitUrl\":\"/tmp/shiplog-git/shop\",\"gitBranch\":\"main\",\"config\":"
                + "{\"buildCommand\":\"-q; echo hi\",\"outputDirectory\":\"dist\",\"timeout\":60,"
                + "\"environmentVariables\":{\"A\":\"1\",\"B\":\"two=2\"}}}"), new ObjectMapper().readTree(body));
        assertTrue(deploy.follow.follow);
        assertEquals(Duration.ofMinutes(2), deploy.follow.timeout);
    }

    @Test
    void aDeployWithoutConfigSendsNone() throws Exception {
        DeployCommand deploy = command(line().parseArgs("deploy", "-p", "shop", "-e", "production",
                "--archive-id", "ab12"), DeployCommand.class);
        assertEquals("{\"projectId\":\"shop\",\"environment\":\"production\",\"archiveId\":\"ab12\"}",
                deploy.request.body(null).toString());
        assertEquals(Duration.ofMinutes(15), deploy.follow.timeout);
    }

    @Test
    void usageErrorsExitTwoWithAHintAndSendNothing() throws Exception {
        String[][] wrong = { { "deploy", "-p", "shop" }, { "status" }, { "status", "../../admin/rebuild" },
            { "cancel", "a/b" }, { "logs", "d1", "--stream", "everything" }, { "deploy", "-p", "Shop!", "-e", "x" },
            { "rollback" }, { "rollback", "d1", "-p", "shop", "-e", "staging" }, { "rollback", "-p", "shop" },
            { "deploy", "-p", "s", "-e", "x", "--timeout", "soon" }, { "frobnicate" }, { "releases", "shop" },
            { "deploy", "-p", "s", "-e", "x", "--archive-file", "a.tgz", "--git-url", "/x" },
            { "promote", "d1" }, { "open" }, { "reject", "a/b" },
            { "deploy", "-p", "s", "-e", "x", "--dir", ".", "--git-url", "/x" },
            { "deploy", "-p", "s", "-e", "x", "--dir", "/nonexistent/shiplog-sources" },
            // a value that looks like options of the command (-e -c -h -o): picocli refuses it
            { "deploy", "-p", "s", "-e", "x", "--build-command", "-echo hi" } };
        for (String[] args : wrong) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().startsWith("shiplog: "), err.toString());
            assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        DurationConverter durations = new DurationConverter();
        assertEquals(Duration.ofSeconds(90), durations.convert("90"));
        assertEquals(Duration.ofSeconds(90), durations.convert("90s"));
        assertEquals(Duration.ofMinutes(10), durations.convert("10m"));
        assertEquals(Duration.ofHours(1), durations.convert("1h"));
        assertEquals(Duration.ofMinutes(5), durations.convert("PT5M"));
    }

    @Test
    void theCompletionScriptCompletesEveryCommand() throws Exception {
        assertEquals(0, run("completion"));
        assertTrue(out.toString().contains("complete -F _complete_shiplog"), out.toString().substring(0, 200));
        for (String command : new String[] { "deploy", "rollback", "logs", "open" }) {
            assertTrue(out.toString().contains(command), command);
        }
    }
}
