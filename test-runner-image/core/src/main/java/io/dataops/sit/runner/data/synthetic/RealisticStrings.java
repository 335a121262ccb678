package io.dataops.sit.runner.data.synthetic;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * Realistic text for a field, chosen by its name (e-mail, names, phone, address, currency, card number...): Datafaker
 * fills a pool of values per field once, and each record picks from it. A pool keeps generation at the speed of a
 * random number (Datafaker resolves every value through its locale files), and it is filled from a Faker seeded by
 * the run's seed and the field, so the values do not depend on the order fields are first used.
 */
final class RealisticStrings {

    static final int POOL_SIZE = 256;

    /** Name fragment (lower case, no separators) -> what to ask Datafaker; the first that the name contains wins. */
    private static final List<Map.Entry<String, Function<Faker, String>>> BY_NAME = List.of(
            Map.entry("email", f -> f.internet().emailAddress()),
            Map.entry("mail", f -> f.internet().emailAddress()),
            Map.entry("firstname", f -> f.name().firstName()),
            Map.entry("givenname", f -> f.name().firstName()),
            Map.entry("lastname", f -> f.name().lastName()),
            Map.entry("surname", f -> f.name().lastName()),
            Map.entry("familyname", f -> f.name().lastName()),
            Map.entry("phone", f -> f.phoneNumber().cellPhone()),
            Map.entry("mobile", f -> f.phoneNumber().cellPhone()),
            Map.entry("iban", f -> f.finance().iban()),
            Map.entry("card", f -> f.finance().creditCard()),
            Map.entry("currency", f -> f.money().currencyCode()),
            Map.entry("countrycode", f -> f.address().countryCode()),
            Map.entry("country", f -> f.address().country()),
            Map.entry("city", f -> f.address().city()),
            Map.entry("street", f -> f.address().streetAddress()),
            Map.entry("zip", f -> f.address().zipCode()),
            Map.entry("postcode", f -> f.address().zipCode()),
            Map.entry("postalcode", f -> f.address().zipCode()),
            Map.entry("address", f -> f.address().fullAddress()),
            Map.entry("company", f -> f.company().name()),
            Map.entry("product", f -> f.commerce().productName()),
            Map.entry("description", f -> f.lorem().sentence()),
            Map.entry("comment", f -> f.lorem().sentence()),
            Map.entry("url", f -> f.internet().url()),
            Map.entry("status", f -> f.options().option("NEW", "ACTIVE", "SHIPPED", "CLOSED")),
            Map.entry("name", f -> f.name().fullName()));

    private final long seed;
    private final Map<String, String[]> pools = new HashMap<>();

    RealisticStrings(long seed) {
        this.seed = seed;
    }

    /** A value for a text field named like the last part of {@code path}. */
    String next(String path, Random random) {
        String[] pool = pools.computeIfAbsent(path, this::fill);
        return pool[random.nextInt(pool.length)];
    }

    /** True when the field's name says what it holds (else the caller picks a neutral word). */
    static boolean knows(String path) {
        return kind(path) != null;
    }

    private String[] fill(String path) {
        Function<Faker, String> kind = kind(path);
        Faker faker = new Faker(Locale.ENGLISH, new Random(seed * 31 + path.hashCode()));
        String[] pool = new String[POOL_SIZE];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = kind == null ? faker.lorem().word() : kind.apply(faker);
        }
        return pool;
    }

    private static Function<Faker, String> kind(String path) {
        String name = normalized(path.substring(path.lastIndexOf('.') + 1));
        for (Map.Entry<String, Function<Faker, String>> entry : BY_NAME) {
            if (name.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A field called id (in any case or separator style): generators count it 1, 2, 3... */
    static boolean isId(String path) {
        return normalized(path.substring(path.lastIndexOf('.') + 1)).equals("id");
    }

    /**
     * An e-mail address made unique per record, as an e-mail column usually must be: name+&lt;n&gt;@domain (text
     * without an @ is left as it is).
     */
    static String uniqueEmail(String email, int index) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at) + "+" + (index + 1) + email.substring(at);
    }

    static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
