package dev.shiplog.cli;

import dev.shiplog.cli.command.RootCommand;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code shiplog} command line: picocli parses, a command runs, and every expected end is an exit code of
 * {@link ExitCode} with a one-line reason on stderr, never a stack trace ({@code SHIPLOG_DEBUG=1} shows one for
 * an unexpected error).
 */
public final class ShiplogCli {

    private ShiplogCli() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, System.getenv(), System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with this environment and these streams; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        return commandLine(env, in, out, err).execute(args);
    }

    /** The command line, its streams, its exit-code help and its handlers (for tests: without executing). */
    public static CommandLine commandLine(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        RootCommand root = new RootCommand(env, in);
        CommandLine line = new CommandLine(root);
        line.setOut(out);
        line.setErr(err);
        everyCommand(line);
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("shiplog: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter errors = command.getErr();
            if (e instanceof CliException expected) {
                if (root.json() && expected.document() != null) {
                    command.getOut().println(expected.document().strip());
                    command.getOut().flush();
                }
                errors.println("shiplog: " + expected.getMessage());
                return expected.exitCode();
            }
            errors.println("shiplog: unexpected error: " + e);
            if (env.containsKey("SHIPLOG_DEBUG")) {
                e.printStackTrace(errors);
            }
            return ExitCode.INTERNAL;
        });
        return line;
    }

    /** The exit codes in the help of every command. */
    private static void everyCommand(CommandLine line) {
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.DESCRIPTIONS);
        line.getSubcommands().values().forEach(ShiplogCli::everyCommand);
    }
}
