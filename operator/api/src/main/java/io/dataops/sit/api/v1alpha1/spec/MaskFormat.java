package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a masked column's values are rewritten. Every format is deterministic under the run's masking key (the same
 * value gives the same pseudonym in every table, so joins still match) and keeps empty values and NULLs as they are.
 */
public enum MaskFormat {
    /** Digits stay digits of the same length, an e-mail stays e-mail shaped, anything else becomes hex (csv.mask's). */
    AUTO("auto"),
    /** A valid address: first.last.hex@example.com|net|org (reserved domains: no mail is ever delivered). */
    EMAIL("email"),
    /** Every digit replaced, everything else (+, spaces, dashes, brackets) kept; a +country code and a leading 0 stay. */
    PHONE("phone"),
    /** A realistic person name from Datafaker's pools, as many words as the original ("Last, First" kept). */
    NAME("name"),
    /** A realistic first name. */
    FIRST_NAME("firstName"),
    /** A realistic last name. */
    LAST_NAME("lastName"),
    /** A card number of the same length and layout, the first six digits (the issuer) kept, Luhn-valid. */
    CARD("card"),
    /** Every digit replaced, other characters kept, no leading zero added. */
    DIGITS("digits"),
    /** Lowercase hex of the same length (8 to 64 characters). */
    HEX("hex");

    private final String value;

    MaskFormat(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
