package dev.shiplog.kit.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of API tokens: {@code shp_<tokenId>_<secret>}, a 16-character id and 256 random bits. Only the sha256 of
 * the secret is ever stored (the secret is random, so a plain hash cannot be reversed or guessed); the id finds the
 * record. The {@code shp_} prefix lets secret scanners recognise a leaked token.
 */
public final class ApiTokens {

    public static final String PREFIX = "shp_";
    private static final Pattern FORM = Pattern.compile("shp_([a-z0-9]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** A new token: what its holder gets once, and what is kept. */
    public record Issued(String tokenId, String token, String secretSha256) {
    }

    /** A token taken apart. */
    public record Parsed(String tokenId, String secret) {
    }

    public static Issued issue() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)]);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Issued(id.toString(), PREFIX + id + "_" + secret, sha256(secret));
    }

    /** The id and secret of something that has the form of a token; empty otherwise. */
    public static Optional<Parsed> parse(String token) {
        Matcher m = FORM.matcher(token);
        return m.matches() ? Optional.of(new Parsed(m.group(1), m.group(2))) : Optional.empty();
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    private ApiTokens() {
    }
}
