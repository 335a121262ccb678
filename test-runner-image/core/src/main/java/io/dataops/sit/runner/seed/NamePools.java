package io.dataops.sit.runner.seed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.datafaker.Faker;

/**
 * First and last names from Datafaker's English locale files, read once per JVM. A pseudonym picks from them by
 * digest bytes (not through Datafaker's random), so the same value and key give the same name whatever Datafaker
 * does with its random numbers, as long as the pools are the same (the version is pinned).
 */
final class NamePools {

    private static final class Pools {
        static final String[] FIRST;
        static final String[] LAST;

        static {
            Faker faker = new Faker(Locale.ENGLISH);
            List<String> first = new ArrayList<>(fetch(faker, "name.female_first_name"));
            first.addAll(fetch(faker, "name.male_first_name"));
            FIRST = first.toArray(String[]::new);
            LAST = fetch(faker, "name.last_name").toArray(String[]::new);
        }

        private static List<String> fetch(Faker faker, String key) {
            Object pool = faker.fakeValuesService().fetchObject(key, faker.getContext());
            if (!(pool instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalStateException("Datafaker has no " + key + " pool");
            }
            return list.stream().map(String::valueOf).toList();
        }
    }

    private NamePools() {}

    static String first(byte[] digest, int offset) {
        return Pools.FIRST[index(digest, offset, Pools.FIRST.length)];
    }

    static String last(byte[] digest, int offset) {
        return Pools.LAST[index(digest, offset, Pools.LAST.length)];
    }

    /**
     * A full name with the original's shape: as many words (the last one a last name, the others first names),
     * "Last, First" kept, and all upper or all lower case kept.
     */
    static String fullName(String original, byte[] digest) {
        String trimmed = original.trim();
        int comma = trimmed.indexOf(',');
        String name;
        if (comma >= 0) {
            name = last(digest, 0) + ", "
                    + givenNames(trimmed.substring(comma + 1).trim(), digest, 4);
        } else {
            String[] words = trimmed.split("\\s+");
            if (words.length <= 1) {
                name = first(digest, 0);
            } else {
                name = givenNames(String.join(" ", Arrays.copyOf(words, words.length - 1)), digest, 0) + " "
                        + last(digest, 28);
            }
        }
        return sameCase(original, name);
    }

    private static String givenNames(String original, byte[] digest, int offset) {
        int count = Math.max(1, original.isEmpty() ? 1 : original.split("\\s+").length);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(count, 6); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(first(digest, offset + 4 * i));
        }
        return b.toString();
    }

    static String sameCase(String original, String name) {
        boolean letters = original.chars().anyMatch(Character::isLetter);
        if (letters && original.equals(original.toUpperCase(Locale.ROOT))) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (letters && original.equals(original.toLowerCase(Locale.ROOT))) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static int index(byte[] digest, int offset, int size) {
        int v = ((digest[offset % 32] & 0xff) << 24)
                | ((digest[(offset + 1) % 32] & 0xff) << 16)
                | ((digest[(offset + 2) % 32] & 0xff) << 8)
                | (digest[(offset + 3) % 32] & 0xff);
        return Integer.remainderUnsigned(v, size);
    }
}
