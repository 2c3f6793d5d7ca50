package dev.shiplog.testing;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Credentials for tests, real ones: every API call needs one.
 * <ul>
 * <li>Under {@code @QuarkusTest} ({@link InfraResource}): an admin token made for this test run (its sha256 is the
 * service's {@code shiplog-auth.admin-token-sha256}) and the local JWT issuer's key pair of
 * {@code .shiplog/secrets} (one made for this run where there is none), whose public half the service trusts for
 * JWTs ({@code mp.jwt.verify.publickey}).</li>
 * <li>Against the platform of {@code ./shiplog up} (end-to-end tests): the admin token {@code ./shiplog up} wrote to
 * {@code .shiplog/secrets/admin-token}, and its JWT signing key {@code .shiplog/secrets/jwt-private.pem}.</li>
 * </ul>
 * {@link #asAdminByDefault()} makes every RestAssured call of the test JVM carry the admin token unless it sets its
 * own {@code Authorization} header; {@link #NONE} as that header's value sends none at all.
 */
public final class TestAuth {

    public static final String ISSUER = "https://shiplog.local";
    /** As an Authorization header value: send no Authorization header (for tests of what anonymous calls get). */
    public static final String NONE = "none";
    public static final String ADMIN_GROUP = "shiplog-admin";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static String admin;
    private static PrivateKey signingKey;
    private static String publicKeyPem;

    /** Generates this JVM's admin token and JWT key pair (for a service under test). */
    static synchronized void generate() {
        if (admin != null && publicKeyPem != null) {
            return;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        admin = "shp_" + "testadmin0000000" + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            if (!usePlatformKeyPair()) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                signingKey = pair.getPrivate();
                publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pair.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key pair of the local JWT issuer that {@code ./shiplog up} (and so {@code ./shiplog test}) keeps in
     * {@code .shiplog/secrets}, when there is one: making a 2048-bit RSA key costs a test JVM seconds of CPU.
     */
    private static boolean usePlatformKeyPair() throws IOException, GeneralSecurityException {
        Path secrets = platformSecrets();
        Path privatePem = secrets.resolve("jwt-private.pem");
        Path publicPem = secrets.resolve("jwt-public.pem");
        if (!Files.isReadable(privatePem) || !Files.isReadable(publicPem)) {
            return false;
        }
        signingKey = readPrivateKey(privatePem);
        publicKeyPem = Files.readString(publicPem);
        return true;
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** Reads the platform's admin token and signing key from {@code <repo>/.shiplog/secrets} (end-to-end tests). */
    public static synchronized void usePlatform() {
        if (admin != null) {
            return;
        }
        Path secrets = platformSecrets();
        try {
            admin = Files.readString(secrets.resolve("admin-token")).trim();
            signingKey = readPrivateKey(secrets.resolve("jwt-private.pem"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the platform's credentials in " + secrets
                    + " (./shiplog up writes them)", e);
        }
    }

    /** The directory {@code ./shiplog up} keeps its secrets in: {@code .shiplog/secrets} of this checkout. */
    public static Path platformSecrets() {
        String configured = System.getenv("SHIPLOG_SECRETS");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".shiplog/secrets"))) {
                return dir.resolve(".shiplog/secrets");
            }
        }
        return Path.of(".shiplog/secrets");
    }

    /** The instance administrator's token. */
    public static synchronized String admin() {
        if (admin == null) {
            generate();
        }
        return admin;
    }

    public static String adminSha256() {
        return sha256(admin());
    }

    static synchronized String publicKeyPem() {
        generate();
        return publicKeyPem;
    }

    /** A JWT for {@code subject} in {@code groups}, valid for {@code ttl} (negative: already expired). */
    public static String jwt(String subject, List<String> groups, Duration ttl) {
        synchronized (TestAuth.class) {
            if (signingKey == null) {
                generate();
            }
        }
        long now = Instant.now().getEpochSecond();
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(","))
                + "],\"iat\":" + (now - 60) + ",\"exp\":" + (now + ttl.toSeconds()) + ",\"jti\":\""
                + Long.toHexString(RANDOM.nextLong()) + "\"}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String jwt(String subject) {
        return jwt(subject, List.of(), Duration.ofMinutes(30));
    }

    /** Every RestAssured call of this JVM carries the admin token unless it sends its own Authorization header. */
    public static synchronized void asAdminByDefault() {
        Filter filter = (request, response, ctx) -> {
            var authorization = request.getHeaders().get("Authorization");
            if (authorization == null) {
                request.header("Authorization", "Bearer " + admin());
            } else if (NONE.equals(authorization.getValue())) {
                request.removeHeader("Authorization");
            }
            return ctx.next(request, response);
        };
        if (RestAssured.filters().stream().noneMatch(f -> f.getClass() == filter.getClass())) {
            RestAssured.filters(filter);
        }
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private TestAuth() {
    }
}
