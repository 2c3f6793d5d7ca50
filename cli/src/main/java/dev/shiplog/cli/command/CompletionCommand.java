package dev.shiplog.cli.command;

import dev.shiplog.cli.outcome.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code shiplog completion}: picocli's bash (and zsh) completion script for every command and option. */
@Command(name = "completion", description = "Print the shell completion script (bash, and zsh with bashcompinit).",
        footer = { "%nInstall it:", "  source <(shiplog completion)            # this shell",
            "  shiplog completion > ~/.local/share/bash-completion/completions/shiplog" })
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("shiplog", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
