package dev.shiplog.pipeline.service.job;

import dev.shiplog.schema.rules.GitSources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The worker's own look at a deployment's git source before anything fetches it (the log is input too): the rules
 * the API applied ({@link GitSources}), then what they cannot see from there: where a local path really leads
 * (through links), and what a host name resolves to now.
 */
final class GitSourceCheck {

    /** Why {@code gitUrl} may not be fetched, or null. */
    static String refusal(String gitUrl, GitSources.Policy policy) {
        String rule = GitSources.check(gitUrl, policy);
        if (rule != null) {
            return rule;
        }
        String local = GitSources.localPath(gitUrl);
        if (local != null) {
            try {
                Path real = Path.of(local).toRealPath();
                for (Path root : policy.localRoots()) {
                    Path r = root.toAbsolutePath().normalize();
                    try {
                        r = r.toRealPath();
                    } catch (IOException e) {
                        // a root that does not exist holds nothing
                    }
                    if (real.startsWith(r) && !real.equals(r)) {
                        return null;
                    }
                }
                return "leads out of the allowed local roots (through a link)";
            } catch (IOException e) {
                return "names no local repository";
            }
        }
        if (policy.allowPrivateNetworks()) {
            return null;
        }
        String host = GitSources.host(gitUrl);
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                String broken = GitSources.addressRule(address);
                if (broken != null) {
                    return broken + " (" + host + " resolves to it)";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return null; // git will say it cannot resolve it; the sandbox's network would not reach a private one
        }
    }

    private GitSourceCheck() {
    }
}
