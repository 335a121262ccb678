package io.dataops.sit.runner.steps;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.List;

/**
 * A JSON-path filter applied to one record value, e.g. {@code @.status == 'SHIPPED' && @.amount > 10}
 * (a bare filter expression) or the full form {@code $[?(@.status == 'SHIPPED')]}. The record matches
 * when the filter selects it.
 */
public final class JsonPredicate {

    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String text;
    private final JsonPath path;

    private JsonPredicate(String text, JsonPath path) {
        this.text = text;
        this.path = path;
    }

    /** Throws IllegalArgumentException naming the predicate when it does not parse. */
    public static JsonPredicate parse(String predicate) {
        String p = predicate.strip();
        String full = p.startsWith("$[?(") ? p : "$[?(" + p + ")]";
        try {
            return new JsonPredicate(p, JsonPath.compile(full));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "invalid JSON-path predicate \"" + predicate + "\": " + e.getMessage(), e);
        }
    }

    public boolean matches(Object value) {
        if (value == null) {
            return false;
        }
        // Wrapping in a one-element array lets the filter test the record itself rather than its children.
        Object selected = path.read(List.of(value), CONFIG);
        return selected instanceof List<?> list && !list.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
