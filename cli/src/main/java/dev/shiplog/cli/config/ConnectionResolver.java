package dev.shiplog.cli.config;

import dev.shiplog.cli.outcome.CliException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The gateway URL and the token: a flag first, then the environment ({@code SHIPLOG_URL}, {@code SHIPLOG_TOKEN}),
 * then the configuration file, then a default (the URL: {@link #DEFAULT_URL}; the token: the file that
 * {@code SHIPLOG_LOCAL_TOKEN_FILE} names, which {@code ./shiplog} sets to the checkout's admin token). The
 * configuration file is read only when a flag or the environment left something to find.
 */
public final class ConnectionResolver {

    public static final String DEFAULT_URL = "http://localhost:8080";
    public static final String URL_VARIABLE = "SHIPLOG_URL";
    public static final String TOKEN_VARIABLE = "SHIPLOG_TOKEN";
    public static final String LOCAL_TOKEN_FILE_VARIABLE = "SHIPLOG_LOCAL_TOKEN_FILE";
    /** A bearer token: printable ASCII, no spaces (nothing that could end a header). */
    static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,8192}");

    private ConnectionResolver() {
    }

    public static Connection resolve(String flagUrl, String flagToken, Map<String, String> env, ConfigFile config) {
        Supplier<Map<String, String>> file = memoized(() -> config.read().orElse(Map.of()));
        String configName = "the configuration file " + config.path();
        Choice url = first(flagUrl, "--url", env.get(URL_VARIABLE), URL_VARIABLE)
                .or(() -> Choice.of(file.get().get("url"), configName))
                .orElse(new Choice(DEFAULT_URL, "the default"));
        Optional<Choice> token = first(flagToken, "--token", env.get(TOKEN_VARIABLE), TOKEN_VARIABLE)
                .or(() -> Choice.of(file.get().get("token"), configName))
                .or(() -> localToken(env.get(LOCAL_TOKEN_FILE_VARIABLE)));
        return new Connection(parseUrl(url.value(), url.source()), token.map(t -> checkToken(t)).orElse(null),
                url.source(), token.map(Choice::source).orElse(null));
    }

    /** A connection of values given with their sources, checked as {@link #resolve} checks them. */
    public static Connection of(String url, String urlSource, String token, String tokenSource) {
        return new Connection(parseUrl(url, urlSource), checkToken(new Choice(token, tokenSource)), urlSource,
                tokenSource);
    }

    /** An http or https URL with a host; a trailing slash is dropped. */
    public static URI parseUrl(String value, String source) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw CliException.usage("the gateway URL from " + source + " must be http(s)://host[:port][/path]: "
                        + value);
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw CliException.usage("the gateway URL from " + source + " is not a URL: " + e.getMessage());
        }
    }

    private static String checkToken(Choice token) {
        if (!TOKEN.matcher(token.value()).matches()) {
            throw CliException.usage("the token from " + token.source() + " is not a token (printable characters,"
                    + " no spaces)");
        }
        return token.value();
    }

    private static Optional<Choice> first(String flag, String flagName, String variable, String variableName) {
        return Choice.of(flag, flagName).or(() -> Choice.of(variable, variableName));
    }

    private static Optional<Choice> localToken(String file) {
        if (file == null || file.isBlank() || !Files.isReadable(Path.of(file))) {
            return Optional.empty();
        }
        ConfigFile.checkOwnerOnly(Path.of(file));
        try {
            return Choice.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip(), file);
        } catch (IOException e) {
            throw CliException.usage("cannot read the token in " + file + ": " + e.getMessage());
        }
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        Object[] value = new Object[1];
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T result = (T) value[0];
            return result;
        };
    }

    /** A value and where it came from. */
    record Choice(String value, String source) {
        static Optional<Choice> of(String value, String source) {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Choice(value.strip(), source));
        }
    }
}
