package io.dataops.sit.runner.seed;

import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic pseudonyms for masked columns: HMAC-SHA256 of the value under a key, so the same input always gives
 * the same output (joins across tables and files still match) while the original cannot be recovered without the
 * key. The value alone is hashed, not the column, so a customer id masked in two tables stays equal (in the same
 * format). The formats ({@link MaskFormat}) keep what loads and validations look at:
 *
 * <ul>
 *   <li>auto (csv.mask's default): digits only stay digits of the same length, no leading zero added; an e-mail
 *       address stays {@code local@domain.invalid}-shaped; anything else becomes lowercase hex of the same length (at
 *       least 8, at most 64 characters);
 *   <li>email: {@code first.last.hex@example.com} (or .net/.org: reserved, nothing is delivered);
 *   <li>phone and digits: every digit replaced, the layout kept; phone keeps a {@code +country} code and a leading 0;
 *   <li>name, firstName, lastName: names from Datafaker's English pools, case and word count kept;
 *   <li>card: same length and layout, the first six digits (the issuer, which PCI DSS lets be shown) kept when there
 *       are at least 12, the rest replaced and the last digit the Luhn check digit.
 * </ul>
 *
 * Empty values (CSV NULL) stay empty so null rates and nullable foreign keys are unchanged. Not thread-safe: one
 * per seed.
 */
public final class Masker {

    /** Environment variable holding a private masking key; without it a fixed project key is used. */
    public static final String KEY_ENV = "SIT_MASK_KEY";

    static final String DEFAULT_KEY = "sit-operator/default-mask-key/v1";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String[] EMAIL_DOMAINS = {"example.com", "example.net", "example.org"};

    private final Mac mac;
    private final boolean defaultKey;

    public Masker(String key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        defaultKey = DEFAULT_KEY.equals(key);
    }

    /** A masker keyed from {@value #KEY_ENV}, or the project default key. */
    public static Masker fromEnvironment() {
        String key = System.getenv(KEY_ENV);
        return new Masker(key == null || key.isEmpty() ? DEFAULT_KEY : key);
    }

    /** Whether this masker uses the public project key (pseudonyms anyone can recompute). */
    public boolean usesDefaultKey() {
        return defaultKey;
    }

    public String mask(String value) {
        return mask(value, MaskFormat.AUTO);
    }

    public String mask(String value, MaskFormat format) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return switch (format) {
            case AUTO -> auto(value, digest);
            case EMAIL -> email(digest);
            case PHONE -> replaceDigits(value, digest, phonePrefixDigits(value), true);
            case DIGITS -> replaceDigits(value, digest, 0, false);
            case NAME -> NamePools.fullName(value, digest);
            case FIRST_NAME -> NamePools.sameCase(value, NamePools.first(digest, 0));
            case LAST_NAME -> NamePools.sameCase(value, NamePools.last(digest, 4));
            case CARD -> card(value, digest);
            case HEX -> hex(digest, 0, Math.max(8, Math.min(value.length(), 64)));
        };
    }

    private static String auto(String value, byte[] digest) {
        int at = value.lastIndexOf('@');
        if (at > 0 && at < value.length() - 1) {
            int localLength = Math.max(6, Math.min(at, 32));
            return hex(digest, 0, localLength) + "@" + hex(digest, 16, 8) + ".invalid";
        }
        if (isDigits(value)) {
            return replaceDigits(value, digest, 0, false);
        }
        return hex(digest, 0, Math.max(8, Math.min(value.length(), 64)));
    }

    private static String email(byte[] digest) {
        String local =
                ascii(NamePools.first(digest, 0)) + "." + ascii(NamePools.last(digest, 4)) + "." + hex(digest, 8, 6);
        return local + "@" + EMAIL_DOMAINS[(digest[12] & 0xff) % EMAIL_DOMAINS.length];
    }

    /** Lowercase letters only: pool names like O'Keefe or Mary Ann are not all valid in a local part. */
    private static String ascii(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.isEmpty() ? "x" : b.toString();
    }

    /** How many leading digits of a phone number are its country code: "+44 20 ..." keeps 44; none without '+'. */
    private static int phonePrefixDigits(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        if (i >= value.length() || value.charAt(i) != '+') {
            return 0;
        }
        int digits = 0;
        for (i++; i < value.length() && isDigit(value.charAt(i)); i++) {
            digits++;
        }
        boolean separated = i < value.length();
        return separated && digits <= 3 ? digits : 0;
    }

    /**
     * Every digit after the first {@code keep} replaced, other characters kept. The first replaced digit is never a
     * zero unless it was one (then, with {@code keepLeadingZero}, it stays 0: a trunk prefix).
     */
    private static String replaceDigits(String value, byte[] digest, int keep, boolean keepLeadingZero) {
        StringBuilder b = new StringBuilder(value.length());
        int k = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isDigit(c)) {
                b.append(c);
                continue;
            }
            if (k < keep) {
                b.append(c);
            } else {
                b.append(digitAt(digest, k - keep, c, keepLeadingZero));
            }
            k++;
        }
        return b.toString();
    }

    private static char digitAt(byte[] digest, int index, char original, boolean keepLeadingZero) {
        // Mix position into the byte so long numbers do not repeat every 32 digits.
        int v = (digest[index % digest.length] & 0xff) + index / digest.length * 7;
        if (index == 0 && original != '0') {
            return (char) ('1' + v % 9);
        }
        if (index == 0 && keepLeadingZero) {
            return '0';
        }
        return (char) ('0' + v % 10);
    }

    private static String card(String value, byte[] digest) {
        int total = 0;
        for (int i = 0; i < value.length(); i++) {
            total += isDigit(value.charAt(i)) ? 1 : 0;
        }
        if (total < 2) {
            return replaceDigits(value, digest, 0, false);
        }
        int keep = total >= 12 ? 6 : 1;
        char[] digits = new char[total];
        int k = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isDigit(c)) {
                digits[k] = k < keep ? c : (char) ('0' + (digest[(k - keep) % digest.length] & 0xff) % 10);
                k++;
            }
        }
        digits[total - 1] = luhnCheckDigit(digits, total - 1);
        StringBuilder b = new StringBuilder(value.length());
        k = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(isDigit(c) ? digits[k++] : c);
        }
        return b.toString();
    }

    /** The digit that makes digits[0..length] followed by it pass the Luhn check. */
    static char luhnCheckDigit(char[] digits, int length) {
        int sum = 0;
        for (int i = length - 1, position = 0; i >= 0; i--, position++) {
            int d = digits[i] - '0';
            if (position % 2 == 0) { // doubled: every second digit from the right, the check digit not counted
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
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
}
