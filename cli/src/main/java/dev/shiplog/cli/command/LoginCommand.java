package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.config.ConfigFile;
import dev.shiplog.cli.config.Connection;
import dev.shiplog.cli.config.ConnectionResolver;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code shiplog login}: checks a token against the gateway (GET /api/me) and keeps the URL and the token in the
 * configuration file, readable by its owner only.
 */
@Command(name = "login", description = { "Check a token against the gateway and keep the gateway's URL and the token"
        + " in the configuration file ($XDG_CONFIG_HOME/shiplog/config, else ~/.config/shiplog/config), readable by"
        + " you only (0600).",
    "The token: --token-stdin (from a pipe), else --token / SHIPLOG_TOKEN, else asked for without echo." },
        footer = { "%nExamples:", "  shiplog login --url https://shiplog.example.com",
            "  cat .shiplog/secrets/admin-token | shiplog login --url http://localhost:8080 --token-stdin" })
public class LoginCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--token-stdin", description = "Read the token from standard input.")
    boolean tokenFromStdin;

    @Override
    public Integer call() {
        Map<String, String> env = root.env();
        String url = root.url != null ? root.url : env.get(ConnectionResolver.URL_VARIABLE);
        String urlSource = root.url != null ? "--url" : url != null ? ConnectionResolver.URL_VARIABLE : "the default";
        String token = tokenFromStdin ? readStdin() : root.token != null ? root.token
                : env.get(ConnectionResolver.TOKEN_VARIABLE);
        String tokenSource = tokenFromStdin ? "standard input" : root.token != null ? "--token"
                : ConnectionResolver.TOKEN_VARIABLE;
        if (token == null) {
            token = prompt();
            tokenSource = "the prompt";
        }
        Connection connection = ConnectionResolver.of(url == null ? ConnectionResolver.DEFAULT_URL : url, urlSource,
                token, tokenSource);
        JsonNode me = new GatewayClient(connection).get("/api/me").json();
        ConfigFile config = root.configFile();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("url", connection.url().toString());
        values.put("token", connection.token());
        config.write(values);
        Output output = root.output();
        String subject = Views.text(me, "subject");
        if (output.json()) {
            output.document(me);
        } else {
            output.text("logged in to " + connection.url() + " as " + subject + "; kept in " + config.path());
        }
        return ExitCode.OK;
    }

    private String readStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(root.stdin(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw CliException.usage("--token-stdin: no token on standard input");
            }
            return line.strip();
        } catch (IOException e) {
            throw CliException.usage("--token-stdin: " + e.getMessage());
        }
    }

    private static String prompt() {
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("no token: give it with --token-stdin, --token or SHIPLOG_TOKEN");
        }
        char[] typed = console.readPassword("Token: ");
        if (typed == null || typed.length == 0) {
            throw CliException.usage("no token given");
        }
        return new String(typed).strip();
    }
}
