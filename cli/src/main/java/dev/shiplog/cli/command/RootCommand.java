package dev.shiplog.cli.command;

import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.config.ConfigFile;
import dev.shiplog.cli.config.Connection;
import dev.shiplog.cli.config.ConnectionResolver;
import dev.shiplog.cli.output.Output;
import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code shiplog}: the global options (the gateway's URL, the token, --json), given before or after the command,
 * and what every command needs from them: the connection, the client, the output.
 */
@Command(name = "shiplog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Deploy, follow, roll back and promote with Shiplog, from a terminal or a script.",
        subcommands = { LoginCommand.class, DeployCommand.class, StatusCommand.class, LogsCommand.class,
            CancelCommand.class, RollbackCommand.class, PromoteCommand.class, ApproveCommand.class,
            RejectCommand.class, EnvsCommand.class, ReleasesCommand.class, OpenCommand.class, CompletionCommand.class },
        footerHeading = "%nConnection:%n",
        footer = { "The gateway URL and the token come from --url / --token, else SHIPLOG_URL / SHIPLOG_TOKEN, else "
            + "the configuration file that 'shiplog login' writes ($XDG_CONFIG_HOME/shiplog/config, else "
            + "~/.config/shiplog/config; readable by you only, or it is refused); the URL defaults to "
            + ConnectionResolver.DEFAULT_URL + "." })
public class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The gateway, e.g. http://localhost:8080 (env SHIPLOG_URL).")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "The API token (env SHIPLOG_TOKEN). Seen by other users of this machine in the process"
                + " list: prefer SHIPLOG_TOKEN or 'shiplog login'.")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the API's JSON (one document) instead of text, for scripts.")
    boolean json;

    private final Map<String, String> env;
    private final InputStream stdin;

    public RootCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public boolean json() {
        return json;
    }

    Map<String, String> env() {
        return env;
    }

    InputStream stdin() {
        return stdin;
    }

    ConfigFile configFile() {
        return ConfigFile.forEnvironment(env);
    }

    Connection connection() {
        return ConnectionResolver.resolve(url, token, env, configFile());
    }

    GatewayClient gateway() {
        return new GatewayClient(connection());
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
    }
}
