package io.dataops.sit.runner.data.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * What a scenario says a field holds instead of the generated value, from the {@code | field | value or generator |}
 * table: a literal, or one of these generators:
 * <ul>
 *   <li>{@code null};
 *   <li>{@code one of A, B, C} — one of the listed values;
 *   <li>{@code between 1 and 100} — a number in the range (whole numbers when both bounds are);
 *   <li>{@code sequence} or {@code sequence from 1000} — the record's number, counting from 1 (or the given start);
 *   <li>{@code uuid} — a UUID drawn from the seed;
 *   <li>{@code #{Name.firstName}} — any Datafaker expression.
 * </ul>
 * A literal is text; a numeric or boolean field converts it like a CSV value.
 */
abstract sealed class FieldOverride {

    private static final Pattern ONE_OF = Pattern.compile("(?i)^one of (.+)$");
    private static final Pattern BETWEEN =
            Pattern.compile("(?i)^between (-?\\d+(?:\\.\\d+)?) and (-?\\d+(?:\\.\\d+)?)$");
    private static final Pattern SEQUENCE = Pattern.compile("(?i)^sequence(?: from (-?\\d+))?$");

    abstract Object value(int index, Random random, Faker faker);

    static FieldOverride parse(String field, String spec) {
        String text = spec.strip();
        Matcher m;
        if (text.equalsIgnoreCase("null")) {
            return new Literal(null);
        }
        if (text.equalsIgnoreCase("uuid")) {
            return new RandomUuid();
        }
        if ((m = ONE_OF.matcher(text)).matches()) {
            List<String> options = List.of(m.group(1).split("\\s*,\\s*"));
            return new OneOf(options);
        }
        if ((m = BETWEEN.matcher(text)).matches()) {
            BigDecimal low = new BigDecimal(m.group(1));
            BigDecimal high = new BigDecimal(m.group(2));
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException(
                        "field " + field + ": 'between " + low + " and " + high + "' has its bounds reversed");
            }
            return new Between(low, high);
        }
        if ((m = SEQUENCE.matcher(text)).matches()) {
            return new Sequence(m.group(1) == null ? 1 : Long.parseLong(m.group(1)));
        }
        if (text.startsWith("#{") && text.endsWith("}")) {
            return new Expression(text);
        }
        return new Literal(text);
    }

    static final class Literal extends FieldOverride {
        private final String value;

        Literal(String value) {
            this.value = value;
        }

        @Override
        Object value(int index, Random random, Faker faker) {
            return value;
        }
    }

    static final class RandomUuid extends FieldOverride {
        @Override
        Object value(int index, Random random, Faker faker) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }

    static final class OneOf extends FieldOverride {
        private final List<String> options;

        OneOf(List<String> options) {
            this.options = options;
        }

        @Override
        Object value(int index, Random random, Faker faker) {
            return options.get(random.nextInt(options.size()));
        }
    }

    static final class Between extends FieldOverride {
        private final BigDecimal low;
        private final BigDecimal high;

        Between(BigDecimal low, BigDecimal high) {
            this.low = low;
            this.high = high;
        }

        @Override
        Object value(int index, Random random, Faker faker) {
            if (low.scale() <= 0 && high.scale() <= 0) {
                return random.nextLong(low.longValueExact(), high.longValueExact() + 1);
            }
            int scale = Math.max(low.scale(), high.scale());
            double value = low.doubleValue() + random.nextDouble() * (high.doubleValue() - low.doubleValue());
            return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
        }
    }

    static final class Sequence extends FieldOverride {
        private final long start;

        Sequence(long start) {
            this.start = start;
        }

        @Override
        Object value(int index, Random random, Faker faker) {
            return start + index;
        }
    }

    static final class Expression extends FieldOverride {
        private final String expression;

        Expression(String expression) {
            this.expression = expression;
        }

        @Override
        Object value(int index, Random random, Faker faker) {
            String value = faker.expression(expression);
            if (value == null || value.equals(expression)) {
                throw new IllegalArgumentException("Datafaker does not know the expression " + expression
                        + " (e.g. #{Name.firstName}, #{Internet.emailAddress}, #{numerify '###-###'})");
            }
            return value;
        }
    }
}
