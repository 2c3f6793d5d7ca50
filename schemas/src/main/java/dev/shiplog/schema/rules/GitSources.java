package dev.shiplog.schema.rules;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a deployment may take its code from, beyond the form {@link FieldRules#gitUrl} checks: never the platform's
 * own machine or network unless configured.
 * <ul>
 * <li>a local path ({@code /srv/git/shop}, {@code file:///srv/git/shop}) only inside one of the configured roots
 * ({@code shiplog.git.local-roots}), never a relative path or one with {@code ..};</li>
 * <li>a URL ({@code https://}, {@code ssh://}, {@code git://}, {@code user@host:path}) never to a loopback,
 * link-local, private, shared or multicast address, nor to {@code localhost}, unless private networks are allowed
 * ({@code shiplog.git.allow-private-networks}). The pipeline-worker also checks what a host name resolves to.</li>
 * </ul>
 */
public final class GitSources {

    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?(\\[[^\\]]+\\]|[^:/]+):(?!//).*");

    /** What the rules allow. */
    public record Policy(List<Path> localRoots, boolean allowPrivateNetworks) {
    }

    /** The rule {@code gitUrl} breaks under {@code policy}, or null. Does not resolve host names. */
    public static String check(String gitUrl, Policy policy) {
        String path = localPath(gitUrl);
        if (path != null) {
            return localRule(path, policy);
        }
        String host = host(gitUrl);
        if (host == null) {
            return "must be an absolute local path or a URL (https://, ssh://, git://, user@host:path)";
        }
        return policy.allowPrivateNetworks() ? null : hostRule(host);
    }

    /**
     * Whether two git URLs name the same repository, as people write it several ways: a local path and its
     * {@code file://} URL, with or without a trailing {@code /} ({@code .git} too, remote), {@code .} segments, the scheme and
     * host in any case. (Links in the local roots: {@link #followLinks}.)
     */
    public static boolean sameSource(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }

    /**
     * A local repository's real path (links followed; this reads the file system), or the URL as it is: what
     * {@link #sameSource} compares when a link in the local roots could make two names of one repository.
     */
    public static String followLinks(String gitUrl) {
        String local = gitUrl == null ? null : localPath(gitUrl);
        if (local == null || local.isEmpty()) {
            return gitUrl;
        }
        try {
            return Path.of(local).toRealPath().toString();
        } catch (java.io.IOException | RuntimeException e) {
            return gitUrl; // no such repository (here): compared as written
        }
    }

    static String canonical(String gitUrl) {
        String local = localPath(gitUrl.trim());
        String out;
        if (local != null) {
            out = "file:" + Path.of(local.isEmpty() ? "/" : local).normalize();
        } else {
            try {
                URI uri = new URI(gitUrl.trim()).normalize();
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                String host = uri.getHost() == null ? String.valueOf(uri.getAuthority())
                        : uri.getHost().toLowerCase(java.util.Locale.ROOT);
                out = scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getPath() == null ? uri.getSchemeSpecificPart() : uri.getPath());
            } catch (URISyntaxException e) {
                out = gitUrl.trim(); // scp-like (git@host:path): compared as written
            }
        }
        while (out.endsWith("/") && out.length() > 1) {
            out = out.substring(0, out.length() - 1);
        }
        // a hosting service serves x and x.git alike; on disk they are two directories
        return local == null && out.endsWith(".git") ? out.substring(0, out.length() - 4) : out;
    }

    /** The local path a git URL names ({@code /x}, {@code file:///x}), or null for a remote one. */
    public static String localPath(String gitUrl) {
        if (gitUrl.startsWith("/")) {
            return gitUrl;
        }
        if (gitUrl.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                URI uri = new URI(gitUrl);
                return uri.getPath() == null ? "" : (uri.getHost() == null || uri.getHost().isEmpty()
                        || uri.getHost().equals("localhost") ? uri.getPath() : "//" + uri.getHost() + uri.getPath());
            } catch (URISyntaxException e) {
                return "";
            }
        }
        if (gitUrl.startsWith(".") || gitUrl.startsWith("~") || !gitUrl.contains(":")) {
            return gitUrl; // relative: refused as such below
        }
        return null;
    }

    static String localRule(String path, Policy policy) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            return "a local repository must be an absolute path (or file:///...)";
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return "a local repository path must not contain . or .. segments";
            }
        }
        Path normalized = Path.of(path).normalize();
        for (Path root : policy.localRoots()) {
            Path r = root.toAbsolutePath().normalize();
            if (normalized.startsWith(r) && !normalized.equals(r)) {
                return null;
            }
        }
        return policy.localRoots().isEmpty() ? "local repositories are not allowed here (no shiplog.git.local-roots)"
                : "a local repository must be inside " + String.join(" or ",
                        policy.localRoots().stream().map(Path::toString).toList());
    }

    /** The host of a remote git URL, or null if it has none. */
    public static String host(String gitUrl) {
        try {
            URI uri = new URI(gitUrl);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                String host = uri.getHost();
                if (host == null) { // an authority Java does not take for host[:port] (user:pw@, underscores, ...)
                    String authority = uri.getRawAuthority();
                    host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d*$", "");
                }
                return strip(host);
            }
        } catch (URISyntaxException e) {
            // not a URL: maybe scp-like
        }
        Matcher scp = SCP_LIKE.matcher(gitUrl);
        return scp.matches() ? strip(scp.group(1)) : null;
    }

    /** Why {@code host} (a name or an address literal) may not be fetched from, or null. */
    public static String hostRule(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return "must name a host";
        }
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.localdomain")) {
            return "must not point at the platform's own machine (" + host + ")";
        }
        if (!literal(name)) {
            return null;
        }
        try {
            return addressRule(InetAddress.getByName(name));
        } catch (UnknownHostException e) {
            return "must name a valid host";
        }
    }

    /** Why an address may not be fetched from (loopback, link-local, private, ...), or null. */
    public static String addressRule(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return "must not point at the platform's own machine (" + address.getHostAddress() + ")";
        }
        if (address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isMulticastAddress()
                || shared(address) || uniqueLocal(address)) {
            return "must not point at a private, link-local or internal network (" + address.getHostAddress()
                    + "); allow it with shiplog.git.allow-private-networks";
        }
        return null;
    }

    private static boolean literal(String host) {
        return host.contains(":") || host.matches("[0-9.]+") || host.matches("0x[0-9a-f.x]+");
    }

    /** 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8. */
    private static boolean shared(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        return (b[0] & 0xff) == 0 || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64);
    }

    /** fc00::/7. */
    private static boolean uniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private GitSources() {
    }
}
