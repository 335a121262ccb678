package io.dataops.sit.runner.seed;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic pseudonyms for masked CSV columns: HMAC-SHA256 of the value under a key, so the same
 * input always gives the same output (joins across tables and files still match) while the original
 * cannot be recovered without the key. The value alone is hashed, not the column, so a customer id masked
 * in two tables stays equal. Cheap format preservation keeps loads and validations working:
 * <ul>
 *   <li>digits only (ids, phone numbers) stay digits of the same length, no leading zero added;</li>
 *   <li>an e-mail address stays {@code local@domain.invalid}-shaped;</li>
 *   <li>anything else becomes lowercase hex of the same length (at least 8, at most 64 characters).</li>
 * </ul>
 * Empty values (CSV NULL) stay empty so null rates and nullable foreign keys are unchanged.
 */
public final class Masker {

    /** Environment variable holding a private masking key; without it a fixed project key is used. */
    public static final String KEY_ENV = "SIT_MASK_KEY";

    static final String DEFAULT_KEY = "sit-operator/default-mask-key/v1";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Mac mac;

    public Masker(String key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A masker keyed from {@value #KEY_ENV}, or the project default key. */
    public static Masker fromEnvironment() {
        String key = System.getenv(KEY_ENV);
        return new Masker(key == null || key.isEmpty() ? DEFAULT_KEY : key);
    }

    public static boolean usesDefaultKey() {
        String key = System.getenv(KEY_ENV);
        return key == null || key.isEmpty();
    }

    public String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        byte[] digest = hmac(value);
        int at = value.lastIndexOf('@');
        if (at > 0 && at < value.length() - 1) {
            int localLength = Math.max(6, Math.min(at, 32));
            return hex(digest, 0, localLength) + "@" + hex(digest, 16, 8) + ".invalid";
        }
        if (isDigits(value)) {
            return digits(digest, value.length(), value.charAt(0) != '0');
        }
        return hex(digest, 0, Math.max(8, Math.min(value.length(), 64)));
    }

    private byte[] hmac(String value) {
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** length hex characters taken cyclically from the digest starting at byte offset. */
    private static String hex(byte[] digest, int offset, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; b.length() < length; i++) {
            int v = digest[(offset + i / 2) % digest.length] & 0xff;
            b.append(HEX[(i % 2 == 0) ? v >>> 4 : v & 0x0f]);
        }
        return b.toString();
    }

    private static String digits(byte[] digest, int length, boolean nonZeroFirst) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mix position into the byte so long numbers do not repeat every 32 digits.
            int v = (digest[i % digest.length] & 0xff) + i / digest.length * 7;
            int d = v % 10;
            if (i == 0 && nonZeroFirst) {
                d = 1 + v % 9;
            }
            b.append((char) ('0' + d));
        }
        return b.toString();
    }
}
