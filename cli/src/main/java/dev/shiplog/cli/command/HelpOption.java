package dev.shiplog.cli.command;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} for every command (picocli's standard help options without {@code --version}, which deploy
 * takes for the release's version; {@code shiplog --version} says the CLI's).
 */
public class HelpOption {

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
