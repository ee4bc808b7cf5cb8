package io.mlci.core.registry;

import io.mlci.core.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The secret that trusted jobs sign registry events with ({@code MLCI_REGISTRY_KEY}, held only by
 * main-branch and promotion jobs). Readers that hold it too accept only events signed with it:
 * anyone who can merely write to the store cannot forge a promotion.
 */
public final class RegistryKey {

    public static final String VARIABLE = "MLCI_REGISTRY_KEY";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_LENGTH = 16;

    private final SecretKeySpec key;

    private RegistryKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The key in the environment, if one is set. */
    public static Optional<RegistryKey> from(Map<String, String> environment) {
        String secret = environment.get(VARIABLE);
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        if (secret.length() < MINIMUM_LENGTH) {
            throw new InvalidInputException(VARIABLE, null, "is shorter than " + MINIMUM_LENGTH
                    + " characters; use a long random secret (e.g. openssl rand -hex 32)");
        }
        return Optional.of(new RegistryKey(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex HMAC-SHA256 of the bytes. */
    public String sign(byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }

    /** Whether the signature is this key's over the bytes, compared in constant time. */
    public boolean verifies(byte[] content, String signature) {
        return signature != null && MessageDigest.isEqual(sign(content).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
