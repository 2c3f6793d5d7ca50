package dev.shiplog.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.cli.api.GatewayClient;
import dev.shiplog.cli.api.PathSegments;
import dev.shiplog.cli.output.Output;
import dev.shiplog.cli.output.Views;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code shiplog open}: the URL of a deployment, or of what is live in an environment; in a browser if there is one. */
@Command(name = "open", description = { "Print the URL of a deployment (shiplog open DEPLOYMENT) or of the release"
        + " live in an environment (shiplog open PROJECT ENV), and open it in a browser if this machine has one"
        + " ($BROWSER, open on macOS, xdg-open with a display)." })
public class OpenCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "1..2", paramLabel = "DEPLOYMENT | PROJECT ENV", description = "A deployment's id, or a"
            + " project and an environment.")
    List<String> target;

    @Option(names = "--no-browser", description = "Only print the URL.")
    boolean noBrowser;

    @Override
    public Integer call() {
        GatewayClient gateway = root.gateway();
        boolean environment = target.size() == 2;
        String id = environment ? Deployments.live(gateway, target.get(0), target.get(1))
                : PathSegments.deploymentId(target.get(0));
        JsonNode deployment = gateway.get(PathSegments.path("api", "deployments", id)).json();
        String url = Views.text(deployment, environment ? "environmentUrl" : "deploymentUrl");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new CliException(ExitCode.REFUSED, "deployment " + id + " has no URL yet (status "
                    + Views.text(deployment, "status") + ")");
        }
        Output output = root.output();
        if (output.json()) {
            output.document(JSON.createObjectNode().put("url", url).put("deploymentId", id));
            return ExitCode.OK;
        }
        output.text(url);
        Optional<List<String>> browser = noBrowser ? Optional.empty() : Browser.command(url, root.env(),
                System.getProperty("os.name", ""), p -> Browser.onPath(p, root.env().get("PATH")));
        browser.ifPresent(command -> {
            try {
                new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                output.note("shiplog: could not start " + command.get(0) + ": " + e.getMessage());
            }
        });
        return ExitCode.OK;
    }
}
