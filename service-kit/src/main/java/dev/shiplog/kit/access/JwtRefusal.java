package dev.shiplog.kit.access;

import java.util.Locale;

/**
 * What a 401 says about a refused JWT: one of a few fixed reasons, chosen from the parser's account of it. The
 * account itself is never passed on, since it quotes the token's claims: a caller could make a 401 say anything.
 */
final class JwtRefusal {

    static final String NO_EXPIRY = "it has no expiry (exp)";
    static final String EXPIRED = "it expired";
    static final String NOT_YET = "it is not valid yet";
    static final String SIGNATURE = "its signature does not verify with the trusted key";
    static final String ISSUER = "its issuer is not the trusted one";
    static final String AUDIENCE = "it is not for this audience";
    static final String MALFORMED = "it is not a well-formed signed JWT";
    static final String OTHER = "it could not be verified";

    /** The reason for a refusal the parser accounted for as {@code account} (its messages, causes included). */
    static String of(String account) {
        String a = account == null ? "" : account.toLowerCase(Locale.ROOT);
        // first: a forged token is refused for its signature before its claims are read
        if (a.contains("signature")) {
            return SIGNATURE;
        }
        if (a.contains("no expiration time")) {
            return NO_EXPIRY;
        }
        if (a.contains("expiration time") || a.contains("expired") || a.contains("no longer valid")) {
            return EXPIRED;
        }
        if (a.contains("not before") || a.contains("nbf") || a.contains("not yet")) {
            return NOT_YET;
        }
        if (a.contains("issuer") || a.contains("(iss)")) {
            return ISSUER;
        }
        if (a.contains("audience") || a.contains("(aud)")) {
            return AUDIENCE;
        }
        if (a.contains("malformed") || a.contains("parse") || a.contains("json") || a.contains("base64")
                || a.contains("compact serialization") || a.contains("algorithm")) {
            return MALFORMED;
        }
        return OTHER;
    }

    private JwtRefusal() {
    }
}
