package io.dataops.sit.runner.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/** Format-preserving masks: deterministic under a key, shaped like the original, different from it. */
class MaskerTest {

    private final Masker masker = new Masker("test-key");
    private final Masker otherKey = new Masker("another-key");

    @Test
    void everyFormatIsDeterministicDependsOnTheKeyAndKeepsNullAndEmpty() {
        for (MaskFormat format : MaskFormat.values()) {
            String value = format == MaskFormat.EMAIL ? "alice@corp.example" : "Alice Smith 0612345678";
            assertThat(masker.mask(value, format))
                    .as(format.value())
                    .isEqualTo(new Masker("test-key").mask(value, format));
            assertThat(masker.mask(value, format)).as(format.value()).isNotEqualTo(value);
            assertThat(otherKey.mask(value, format)).as(format.value()).isNotEqualTo(masker.mask(value, format));
            assertThat(masker.mask("", format)).isEmpty();
            assertThat(masker.mask(null, format)).isNull();
        }
    }

    @Test
    void autoIsTheCsvMaskOfBeforeFormatsExisted() {
        // pinned: rows masked by csv.mask before formats existed must come out the same
        assertThat(masker.mask("0612345678")).matches("[0-9]{10}");
        assertThat(masker.mask("612345678")).matches("[1-9][0-9]{8}");
        assertThat(masker.mask("alice@corp.example")).matches("[0-9a-f]{6,32}@[0-9a-f]{8}\\.invalid");
        assertThat(masker.mask("Alice")).matches("[0-9a-f]{8}");
        assertThat(masker.mask("612345678", MaskFormat.AUTO)).isEqualTo(masker.mask("612345678"));
    }

    @Test
    void emailIsAValidAddressOnAReservedDomainAndDistinctValuesStayDistinct() {
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String email = masker.mask("user" + i + "@corp.example", MaskFormat.EMAIL);
            assertThat(email).matches("[a-z]+\\.[a-z]+\\.[0-9a-f]{6}@example\\.(com|net|org)");
            masked.add(email);
        }
        assertThat(masked).hasSize(10_000); // a unique column stays unique
    }

    @Test
    void phoneKeepsItsLayoutCountryCodeAndDigitCount() {
        String uk = masker.mask("+44 20 7946 0958", MaskFormat.PHONE);
        assertThat(uk).matches("\\+44 [0-9]{2} [0-9]{4} [0-9]{4}").isNotEqualTo("+44 20 7946 0958");
        assertThat(masker.mask("(555) 123-4567", MaskFormat.PHONE)).matches("\\([1-9][0-9]{2}\\) [0-9]{3}-[0-9]{4}");
        assertThat(masker.mask("020 7946 0958", MaskFormat.PHONE)).matches("0[0-9]{2} [0-9]{4} [0-9]{4}");
        assertThat(masker.mask("+12025550143", MaskFormat.PHONE)).matches("\\+[1-9][0-9]{10}");
        assertThat(masker.mask("06-1234-5678", MaskFormat.DIGITS)).matches("[0-9]{2}-[0-9]{4}-[0-9]{4}");
    }

    @Test
    void namesComeFromDatafakersPoolsWithTheOriginalsShape() {
        Faker faker = new Faker(Locale.ENGLISH);
        List<Object> first = faker.fakeValuesService().fetchObject("name.female_first_name", faker.getContext());
        List<Object> male = faker.fakeValuesService().fetchObject("name.male_first_name", faker.getContext());
        List<Object> last = faker.fakeValuesService().fetchObject("name.last_name", faker.getContext());

        String full = masker.mask("Alice Smith", MaskFormat.NAME);
        String[] words = full.split(" ");
        assertThat(words).hasSize(2);
        assertThat(first.contains(words[0]) || male.contains(words[0])).as(full).isTrue();
        assertThat(last).contains((Object) words[1]);
        assertThat(masker.mask("Mary Ann Smith", MaskFormat.NAME).split(" ")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(masker.mask("Smith, Alice", MaskFormat.NAME)).matches("[^,]+, [^,]+");
        assertThat(masker.mask("ALICE SMITH", MaskFormat.NAME)).isUpperCase();
        assertThat(last).contains((Object) masker.mask("Smith", MaskFormat.LAST_NAME));
        String given = masker.mask("Alice", MaskFormat.FIRST_NAME);
        assertThat(first.contains(given) || male.contains(given)).as(given).isTrue();
        long distinct = IntStream.range(0, 1000)
                .mapToObj(i -> masker.mask("Person " + i, MaskFormat.NAME))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(950);
    }

    @Test
    void cardsKeepLengthLayoutAndIssuerAndPassTheLuhnCheck() {
        for (String card :
                List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011111111111117")) {
            for (int i = 0; i < 200; i++) {
                String input = i == 0 ? card : card.substring(0, card.length() - 4) + String.format("%04d", i);
                String masked = masker.mask(input, MaskFormat.CARD);
                assertThat(masked.replaceAll("[0-9]", "9")).isEqualTo(input.replaceAll("[0-9]", "9"));
                String digits = masked.replaceAll("[^0-9]", "");
                assertThat(digits).startsWith(input.replaceAll("[^0-9]", "").substring(0, 6));
                assertThat(luhnValid(digits)).as(masked).isTrue();
            }
        }
        assertThat(masker.mask("4111 1111 1111 1111", MaskFormat.CARD)).isNotEqualTo("4111 1111 1111 1111");
    }

    @Test
    void theLuhnCheckDigitMatchesKnownTestNumbers() {
        for (String valid : List.of("4111111111111111", "5500000000000004", "378282246310005", "79927398713")) {
            char[] digits = valid.toCharArray();
            assertThat(Masker.luhnCheckDigit(digits, digits.length - 1)).isEqualTo(valid.charAt(valid.length() - 1));
        }
    }

    @Test
    void theDefaultKeyIsKnownAsSuch() {
        assertThat(new Masker(Masker.DEFAULT_KEY).usesDefaultKey()).isTrue();
        assertThat(masker.usesDefaultKey()).isFalse();
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
