package dev.shiplog.notification.domain.signature;

import dev.shiplog.schema.common.SealedSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets a webhook subscription signs with, sealed: its current one and, during a rotation's grace period, the
 * one it replaced, until {@code previousUntil}. Only a webhook has any (chat and email are not signed).
 */
public record SigningKeys(SealedSecret current, SealedSecret previous, Instant previousUntil) {

    public static final SigningKeys NONE = new SigningKeys(null, null, null);

    /**
     * After a change that gives {@code replacement} (null: no new secret, the keys stay as they are): the new secret
     * signs, and the one it replaces still signs beside it for {@code grace} from {@code now}. The first secret
     * replaces nothing.
     */
    public SigningKeys rotate(SealedSecret replacement, Instant now, Duration grace) {
        if (replacement == null) {
            return this;
        }
        return new SigningKeys(replacement, current, current == null ? null : now.plus(grace));
    }

    /** The secrets that sign an attempt made at {@code now}: the current one first (none: not signed, not sent). */
    public List<SealedSecret> signing(Instant now) {
        List<SealedSecret> out = new ArrayList<>();
        if (current == null) {
            return out;
        }
        out.add(current);
        if (previous != null && previousUntil != null && previousUntil.isAfter(now)) {
            out.add(previous);
        }
        return out;
    }
}
