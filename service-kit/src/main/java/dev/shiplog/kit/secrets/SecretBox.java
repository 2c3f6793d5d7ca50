package dev.shiplog.kit.secrets;

import dev.shiplog.schema.common.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seals and opens secret values: AES-256-GCM under keys that only configuration holds ({@code shiplog-secrets.keys}:
 * {@code id:base64key,id2:base64key}; {@code shiplog-secrets.current}: the id new values are sealed with). The key id
 * travels with the ciphertext, so keys rotate: a new current key seals from now on, the old ones still open what
 * they sealed until it is sealed again. The variable's name is bound to its ciphertext (additional data): a sealed
 * value moved to another name does not open. A service without keys seals and opens nothing.
 */
@ApplicationScoped
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String current;

    public SecretBox(@ConfigProperty(name = "shiplog-secrets.keys") Optional<String> keys,
            @ConfigProperty(name = "shiplog-secrets.current") Optional<String> current) {
        for (String entry : keys.orElse("").split(",")) {
            String[] parts = entry.trim().split(":", 2);
            if (parts.length == 2 && !parts[0].isBlank()) {
                byte[] key = Base64.getDecoder().decode(parts[1].trim());
                if (key.length != 32) {
                    throw new IllegalStateException("secret key " + parts[0] + " is not 256 bits");
                }
                this.keys.put(parts[0].trim(), new SecretKeySpec(key, "AES"));
            }
        }
        this.current = current.filter(this.keys::containsKey)
                .orElse(this.keys.isEmpty() ? null : this.keys.keySet().iterator().next());
    }

    /** Whether this service can seal and open secrets (it was given keys). */
    public boolean available() {
        return current != null;
    }

    /** The id of the key new values are sealed with. */
    public String currentKey() {
        return current;
    }

    public SealedSecret seal(String name, String value) {
        if (current == null) {
            throw new IllegalStateException("no secret key is configured (shiplog-secrets.keys)");
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return SealedSecret.newBuilder().setName(name).setKeyId(current)
                    .setCiphertext(Base64.getEncoder().encodeToString(out)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The value {@code sealed} holds; {@link SecretUnavailableException} if its key is not configured or it is forged. */
    public String open(SealedSecret sealed) {
        SecretKeySpec key = keys.get(sealed.getKeyId());
        if (key == null) {
            throw new SecretUnavailableException("secret " + sealed.getName() + " was sealed with key "
                    + sealed.getKeyId() + ", which is not configured here");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.getCiphertext());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            cipher.updateAAD(sealed.getName().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new SecretUnavailableException("secret " + sealed.getName() + " does not open: it is not a value"
                    + " this platform sealed");
        }
    }
}
