package dev.shiplog.cli.config;

import java.net.URI;

/**
 * Which gateway to call and with which credential, and where each came from (a flag, the environment, the
 * configuration file, a default): said in the hint when the gateway refuses the credential.
 */
public record Connection(URI url, String token, String urlSource, String tokenSource) {

    public boolean hasToken() {
        return token != null;
    }
}
