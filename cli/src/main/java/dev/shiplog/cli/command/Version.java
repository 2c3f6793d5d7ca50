package dev.shiplog.cli.command;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest names (Implementation-Version), for --version. */
public class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] { "shiplog " + (version == null ? "(development build)" : version) };
    }
}
