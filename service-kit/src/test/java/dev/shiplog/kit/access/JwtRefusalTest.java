package dev.shiplog.kit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Given the JWT parser's account of a refusal, then the 401 says one of our own reasons and nothing of the token. */
class JwtRefusalTest {

    @Test
    void eachKindOfRefusalHasItsOwnReason() {
        assertEquals(JwtRefusal.SIGNATURE, JwtRefusal.of("JWT rejected due to invalid signature. Additional details:"
                + " [[9] Invalid JWS Signature: JsonWebSignature{\"alg\":\"RS256\"}->eyJ...]"));
        assertEquals(JwtRefusal.EXPIRED, JwtRefusal.of("JWT (claims->{\"sub\":\"ann\",\"exp\":1}) rejected due to"
                + " invalid claims. Additional details: [[1] The JWT is no longer valid - the evaluation time"
                + " NumericDate{2} is on or after the Expiration Time (exp=NumericDate{1}) claim value]"));
        assertEquals(JwtRefusal.ISSUER, JwtRefusal.of("JWT (claims->{\"iss\":\"evil\"}) rejected due to invalid"
                + " claims. Additional details: [[12] Issuer (iss) claim value (evil) doesn't match expected value"
                + " of https://shiplog.local]"));
        assertEquals(JwtRefusal.MALFORMED, JwtRefusal.of("A JWS Compact Serialization must have exactly 3 parts"));
        assertEquals(JwtRefusal.OTHER, JwtRefusal.of(null));
    }

    @Test
    void whatACallerWroteInTheClaimsIsNeverInTheReason() {
        String account = "JWT (claims->{\"sub\":\"<script>alert(1)</script>\",\"secret\":\"claimvalue123\"}) rejected"
                + " due to invalid claims. Additional details: [[14] No Expiration Time (exp) claim present.]";
        String reason = JwtRefusal.of(account);
        assertEquals(JwtRefusal.NO_EXPIRY, reason);
        assertFalse(reason.contains("script"));
        assertFalse(reason.contains("claimvalue123"));
    }
}
