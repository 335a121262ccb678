package io.dataops.sit.runner.data;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Backward compatibility of two JSON Schemas: is every document valid under the old schema still valid under the
 * new one (consumers validating with the new schema accept what producers on the old one wrote)? Both schemas are
 * walked side by side and judged by the rules of {@link Rule}; each break is named with the JSON pointer of the place
 * in the new schema (in the old one for what was removed). Where the old schema lists its values ({@code enum},
 * {@code const}) the judgement is exact: each old value is run through the new schema by the validator.
 *
 * <p>The rules are conservative: a change they cannot judge (a changed {@code not}, {@code if}, {@code pattern}...)
 * counts as incompatible, so "compatible" can be trusted; "incompatible" names the rule to look at. Not judged:
 * {@code oneOf}'s exclusivity (a new branch overlapping an old one) and references to other files.
 */
public final class JsonSchemaCompatibility {

    /** What broke backward compatibility. */
    public enum Rule {
        /** A type the old schema allowed is no longer allowed (also: the new schema is {@code false} here). */
        TYPE_NARROWED,
        /** A property is required by the new schema and was optional in the old one. */
        REQUIRED_ADDED,
        /** A new property in an object the old schema left open: old documents may carry it with any value. */
        PROPERTY_ADDED_TO_OPEN_OBJECT,
        /** A property of the old schema is gone and the new object is closed to it. */
        PROPERTY_REMOVED_FROM_CLOSED_OBJECT,
        /** {@code additionalProperties} closed or constrained where the old schema allowed more. */
        ADDITIONAL_PROPERTIES_NARROWED,
        /** A value the old {@code enum}/{@code const} allowed fails the new schema. */
        ENUM_VALUE_REMOVED,
        /** An {@code enum} or {@code const} where the old schema had none. */
        ENUM_ADDED,
        /** {@code minimum}/{@code exclusiveMinimum} raised, {@code maximum}/{@code exclusiveMaximum} lowered, or a
         * {@code multipleOf} the old values need not meet. */
        RANGE_NARROWED,
        /** {@code minLength} raised or {@code maxLength} lowered. */
        LENGTH_NARROWED,
        /** {@code pattern} added or changed (one regular expression's language cannot be compared with another's). */
        PATTERN_CHANGED,
        /** {@code format} added or changed, in a draft whose validator asserts formats (draft-04, 06, 07). */
        FORMAT_CHANGED,
        /** {@code minItems} raised, {@code maxItems} lowered, {@code uniqueItems} added, a tuple closed. */
        ITEMS_NARROWED,
        /** {@code minProperties} raised or {@code maxProperties} lowered. */
        PROPERTY_COUNT_NARROWED,
        /** A branch of the old {@code anyOf}/{@code oneOf} fits no new branch, or an {@code allOf} branch was added
         * that the old schema does not imply. */
        COMBINATION_NARROWED,
        /** A keyword the rules do not judge ({@code not}, {@code if}/{@code then}/{@code else},
         * {@code dependentRequired}, {@code contains}, {@code propertyNames}, {@code patternProperties},
         * {@code unevaluatedProperties}...) was added or changed. */
        KEYWORD_NOT_JUDGED,
        /** A {@code $ref} that is not a JSON pointer into its own file (another file, a named anchor): not followed. */
        REF_NOT_RESOLVED
    }

    /** One break: the rule, where (a JSON pointer into the new schema, or the old one for removals), and why. */
    public record Incompatibility(Rule rule, String pointer, String detail) {
        @Override
        public String toString() {
            return rule + " at " + pointer + ": " + detail;
        }
    }

    private static final Set<String> ALL_TYPES = Set.of("null", "boolean", "object", "array", "number", "string");

    /** Keywords the rules do not judge: adding or changing one counts as incompatible, removing one only widens. */
    private static final List<String> NOT_JUDGED = List.of(
            "not",
            "if",
            "then",
            "else",
            "dependencies",
            "dependentRequired",
            "dependentSchemas",
            "contains",
            "minContains",
            "maxContains",
            "propertyNames",
            "patternProperties",
            "unevaluatedProperties",
            "unevaluatedItems",
            "$dynamicRef",
            "$recursiveRef");

    /** Keywords that constrain a document; a schema with none of them accepts everything. */
    private static final Set<String> ASSERTIONS = Set.of(
            "type",
            "enum",
            "const",
            "required",
            "properties",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "pattern",
            "items",
            "prefixItems",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "$ref",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "dependencies",
            "dependentRequired",
            "dependentSchemas",
            "propertyNames",
            "unevaluatedProperties",
            "unevaluatedItems",
            "$dynamicRef",
            "$recursiveRef");

    private static final JsonNode ANY = BooleanNode.TRUE;

    /** One schema document: its tree, its draft and the validator's view of it (for the exact value checks). */
    private record Document(JsonNode root, SpecVersion.VersionFlag draft, JsonSchema validator) {
        static Document of(JsonNode root) {
            SpecVersion.VersionFlag draft = root.isObject() && root.has("$schema")
                    ? SpecVersionDetector.detect(root)
                    : SpecVersion.VersionFlag.V202012;
            JsonSchema validator = JsonSchemaFactory.getInstance(draft)
                    .getSchema(SchemaLocation.of("sit:schema-" + UUID.randomUUID()), root);
            return new Document(root, draft, validator);
        }

        boolean assertsFormat() {
            return draft == SpecVersion.VersionFlag.V4
                    || draft == SpecVersion.VersionFlag.V6
                    || draft == SpecVersion.VersionFlag.V7;
        }

        /** Draft-07 and older ignore the keywords beside a {@code $ref}. */
        boolean refHidesSiblings() {
            return assertsFormat();
        }

        /** The validator of the subschema at {@code path}, or null where the validator cannot give one. */
        JsonSchema subSchema(JsonNodePath path) {
            if (path == null) {
                return null;
            }
            try {
                return path.getNameCount() == 0 ? validator : validator.getSubSchema(path);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** A place in a schema document: the subschema and its path from the root (null for an implicit "anything"). */
    private record Place(JsonNode node, JsonNodePath path) {
        String pointer() {
            return path == null ? "(implicit)" : "#" + path;
        }

        Place child(String keyword) {
            JsonNode child = node.get(keyword);
            return child == null ? null : new Place(child, path.append(keyword));
        }

        Place child(String keyword, String name) {
            JsonNode child = node.path(keyword).get(name);
            return child == null ? null : new Place(child, path.append(keyword).append(name));
        }

        Place child(String keyword, int index) {
            JsonNode child = node.path(keyword).get(index);
            return child == null ? null : new Place(child, path.append(keyword).append(index));
        }

        String at(String keyword) {
            return path == null ? "(implicit)" : "#" + path.append(keyword);
        }
    }

    private final Document older;
    private final Document newer;
    private final List<Incompatibility> found = new ArrayList<>();
    /** Pairs of places already compared (or being compared: a recursive schema meets itself again). */
    private final Set<String> visited;

    private JsonSchemaCompatibility(Document older, Document newer, Set<String> visited) {
        this.older = older;
        this.newer = newer;
        this.visited = visited;
    }

    /**
     * Every way documents valid under {@code older} can fail {@code newer}; empty when the new schema is backward
     * compatible. Both must be JSON Schemas (see {@link JsonSchemas#readChecked}).
     */
    public static List<Incompatibility> backward(JsonNode newer, JsonNode older) {
        JsonSchemaCompatibility check =
                new JsonSchemaCompatibility(Document.of(older), Document.of(newer), new HashSet<>());
        JsonNodePath root = new JsonNodePath(PathType.JSON_POINTER);
        check.compare(new Place(older, root), new Place(newer, root));
        // in the order the walk met them: the document's order, the same on every run
        return List.copyOf(new LinkedHashSet<>(check.found));
    }

    private void report(Rule rule, String pointer, String detail) {
        found.add(new Incompatibility(rule, pointer, detail));
    }

    /** The breaks of old vs new found without touching this check's findings or visits: to try a candidate. */
    private List<Incompatibility> trial(Place old, Place neu) {
        JsonSchemaCompatibility trial = new JsonSchemaCompatibility(older, newer, new HashSet<>(visited));
        trial.compare(old, neu);
        return trial.found;
    }

    private void compare(Place oldPlace, Place newPlace) {
        Place old = resolveOld(oldPlace);
        if (old == null) {
            // what the old schema allowed here is behind a reference we cannot follow: nothing can be promised
            if (!acceptsEverything(newPlace.node(), newer)) {
                report(
                        Rule.REF_NOT_RESOLVED,
                        oldPlace.pointer(),
                        "the old schema's $ref here is not a place in its file, so what it allowed cannot be compared");
            }
            return;
        }
        if (old.node().isBoolean() && !old.node().asBoolean()) {
            return; // no old document has a value here
        }
        List<Place> newParts = resolveNew(newPlace);
        for (Place neu : newParts) {
            if (neu == null) {
                continue;
            }
            if (!visited.add(
                    old.pointer() + " -> " + neu.pointer() + " " + old.node().hashCode())) {
                continue; // a recursive schema: this pair is being judged further up
            }
            compareResolved(old, neu);
        }
    }

    private void compareResolved(Place old, Place neu) {
        if (acceptsEverything(neu.node(), newer)
                || old.node().isBoolean() && !old.node().asBoolean()) {
            return;
        }
        if (neu.node().isBoolean()) {
            report(Rule.TYPE_NARROWED, neu.pointer(), "the new schema accepts nothing here (false)");
            return;
        }
        JsonNode o = old.node().isObject() ? old.node() : JsonNodeFactory.instance.objectNode();
        JsonNode n = neu.node();

        List<JsonNode> oldValues = finiteValues(old);
        JsonSchema judge = newer.subSchema(neu.path());
        if (oldValues != null && judge != null) {
            // The old schema allows a known list of values here: run each through the new schema, exactly.
            for (JsonNode value : oldValues) {
                Set<ValidationMessage> problems = judge.validate(value);
                if (!problems.isEmpty()) {
                    report(
                            Rule.ENUM_VALUE_REMOVED,
                            n.has("enum") ? neu.at("enum") : n.has("const") ? neu.at("const") : neu.pointer(),
                            "the old value " + value + " fails the new schema: "
                                    + problems.stream()
                                            .map(ValidationMessage::getMessage)
                                            .sorted()
                                            .findFirst()
                                            .orElse("rejected"));
                }
            }
            return;
        }
        if (n.has("enum") || n.has("const")) {
            report(
                    Rule.ENUM_ADDED,
                    neu.at(n.has("enum") ? "enum" : "const"),
                    "the new schema allows only listed values where the old one allowed any "
                            + describeTypes(effectiveTypes(old, 0)));
        }

        Set<String> oldTypes = effectiveTypes(old, 0);
        Set<String> newTypes = declaredTypes(n);
        if (newTypes != null) {
            Set<String> lost = new TreeSet<>();
            for (String t : oldTypes == null ? ALL_TYPES : oldTypes) {
                if (!newTypes.contains(t) && !("integer".equals(t) && newTypes.contains("number"))) {
                    lost.add(t);
                }
            }
            if (lost.contains("number")) {
                lost.remove("integer"); // said by "number"
            }
            if (!lost.isEmpty()) {
                report(
                        Rule.TYPE_NARROWED,
                        neu.at("type"),
                        "the old schema allows " + String.join(", ", lost) + ", the new one only "
                                + String.join(", ", new TreeSet<>(newTypes)));
            }
        }
        if (mayBe(oldTypes, "number") || mayBe(oldTypes, "integer")) {
            compareNumbers(o, n, neu);
        }
        if (mayBe(oldTypes, "string")) {
            compareStrings(o, n, neu);
        }
        if (mayBe(oldTypes, "array")) {
            compareArrays(old, neu);
        }
        if (mayBe(oldTypes, "object")) {
            compareObjects(old, neu);
        }
        compareCombinations(old, neu);
        for (String keyword : NOT_JUDGED) {
            JsonNode added = n.get(keyword);
            if (added != null && !sameJson(added, o.get(keyword))) {
                report(
                        Rule.KEYWORD_NOT_JUDGED,
                        neu.at(keyword),
                        (o.has(keyword) ? "changed" : "added") + ": the compatibility rules do not judge '" + keyword
                                + "', so it counts as a break");
            }
        }
    }

    // --- references --------------------------------------------------------------------------------------------

    /** The old side with its {@code $ref} followed (and, from 2019-09 on, the keywords beside it kept). */
    private Place resolveOld(Place place) {
        Place current = place;
        for (int hops = 0; hops < 32; hops++) {
            JsonNode ref = current.node().get("$ref");
            if (ref == null || !ref.isTextual()) {
                return current;
            }
            Place target = resolve(older, ref.asText());
            if (target == null) {
                return null; // a reference outside the file: the old side is not constrained by what we cannot see
            }
            if (older.refHidesSiblings() || !hasAssertionsBesidesRef(current.node())) {
                current = target;
                continue;
            }
            // Old documents satisfy the target and the keywords beside the $ref: judge the merge (the siblings win a
            // conflict, which only lets more old documents through, so nothing incompatible is missed).
            ObjectNode merged = target.node().isObject()
                    ? ((ObjectNode) target.node()).deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            current.node().properties().forEach(e -> {
                if (!"$ref".equals(e.getKey())) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            return new Place(merged, current.path());
        }
        return current;
    }

    /** The new side as the parts a document must satisfy: the {@code $ref} target and the keywords beside it. */
    private List<Place> resolveNew(Place place) {
        JsonNode ref = place.node().get("$ref");
        if (ref == null || !ref.isTextual()) {
            return List.of(place);
        }
        Place target = resolve(newer, ref.asText());
        if (target == null) {
            report(Rule.REF_NOT_RESOLVED, place.at("$ref"), "'" + ref.asText() + "' is not a place in this file");
            return List.of();
        }
        if (newer.refHidesSiblings() || !hasAssertionsBesidesRef(place.node())) {
            return resolveNew(target);
        }
        ObjectNode siblings = ((ObjectNode) place.node()).deepCopy();
        siblings.remove("$ref");
        List<Place> parts = new ArrayList<>(resolveNew(target));
        parts.add(new Place(siblings, place.path()));
        return parts;
    }

    private static Place resolve(Document document, String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        String fragment = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
        if (!fragment.isEmpty() && !fragment.startsWith("/")) {
            return null; // a named anchor: not followed
        }
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(fragment);
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode target = document.root().at(pointer);
        if (target.isMissingNode()) {
            return null;
        }
        JsonNodePath path = new JsonNodePath(PathType.JSON_POINTER);
        JsonNode current = document.root();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            if (current.isArray()) {
                path = path.append(p.getMatchingIndex());
                current = current.get(p.getMatchingIndex());
            } else {
                path = path.append(p.getMatchingProperty());
                current = current.get(p.getMatchingProperty());
            }
        }
        return new Place(target, path);
    }

    private static boolean hasAssertionsBesidesRef(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!"$ref".equals(name) && ASSERTIONS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    // --- what a place allows -----------------------------------------------------------------------------------

    private static boolean acceptsEverything(JsonNode node, Document document) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (!node.isObject()) {
            return true;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (ASSERTIONS.contains(name) || "format".equals(name) && document.assertsFormat()) {
                return false;
            }
        }
        return true;
    }

    /** The values the old schema allows here when it lists them ({@code enum}, {@code const}), else null. */
    private List<JsonNode> finiteValues(Place old) {
        JsonNode node = old.node();
        List<JsonNode> listed = new ArrayList<>();
        Set<String> types = node.isObject() ? declaredTypes(node) : null;
        if (node.has("const")) {
            listed.add(node.get("const"));
        } else if (node.path("enum").isArray()) {
            node.get("enum").forEach(listed::add);
        } else if (types != null
                && !types.isEmpty()
                && Set.of("boolean", "null").containsAll(types)) {
            types.forEach(t -> {
                if ("boolean".equals(t)) {
                    listed.add(BooleanNode.TRUE);
                    listed.add(BooleanNode.FALSE);
                } else {
                    listed.add(JsonNodeFactory.instance.nullNode());
                }
            });
        } else {
            return null;
        }
        // Only the values the old schema really accepts (an enum beside a type may list values the type rejects).
        JsonSchema judge = older.subSchema(old.path());
        return judge == null
                ? null
                : listed.stream().filter(v -> judge.validate(v).isEmpty()).toList();
    }

    private static Set<String> declaredTypes(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    /** The types the old schema can hold here (null: any), from {@code type} and its combinations. */
    private Set<String> effectiveTypes(Place place, int depth) {
        if (place == null || depth > 16) {
            return null;
        }
        JsonNode node = place.node();
        if (node.isBoolean()) {
            return node.asBoolean() ? null : Set.of();
        }
        Set<String> types = declaredTypes(node);
        if (types != null && types.contains("number")) {
            types = new TreeSet<>(types);
            types.add("integer");
        }
        for (String combination : List.of("anyOf", "oneOf")) {
            JsonNode branches = node.get(combination);
            if (branches != null && branches.isArray()) {
                Set<String> union = new TreeSet<>();
                boolean any = false;
                for (int i = 0; i < branches.size(); i++) {
                    Set<String> branch = effectiveTypes(resolveOldQuietly(place.child(combination, i)), depth + 1);
                    if (branch == null) {
                        any = true;
                    } else {
                        union.addAll(branch);
                    }
                }
                types = any ? types : intersect(types, union);
            }
        }
        JsonNode all = node.get("allOf");
        if (all != null && all.isArray()) {
            for (int i = 0; i < all.size(); i++) {
                types = intersect(types, effectiveTypes(resolveOldQuietly(place.child("allOf", i)), depth + 1));
            }
        }
        return types;
    }

    private Place resolveOldQuietly(Place place) {
        return place == null ? null : resolveOld(place);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        if (a.contains("number") && b.contains("integer") || b.contains("number") && a.contains("integer")) {
            both.add("integer");
        }
        return both;
    }

    private static boolean mayBe(Set<String> types, String type) {
        return types == null || types.contains(type);
    }

    private static String describeTypes(Set<String> types) {
        return types == null ? "value" : String.join("/", types) + " value";
    }

    // --- numbers and strings -----------------------------------------------------------------------------------

    /** A bound: its value and whether it is exclusive. */
    private record Bound(BigDecimal value, boolean exclusive) {}

    private static Bound lower(JsonNode node) {
        return bound(node, "minimum", "exclusiveMinimum", 1);
    }

    private static Bound upper(JsonNode node) {
        return bound(node, "maximum", "exclusiveMaximum", -1);
    }

    /** The tighter of the inclusive and the exclusive bound (draft-04's boolean exclusive form included). */
    private static Bound bound(JsonNode node, String inclusive, String exclusive, int direction) {
        JsonNode in = node.get(inclusive);
        JsonNode ex = node.get(exclusive);
        Bound bound = in != null && in.isNumber() ? new Bound(in.decimalValue(), false) : null;
        if (ex != null && ex.isBoolean()) {
            return bound == null ? null : new Bound(bound.value(), ex.asBoolean());
        }
        if (ex != null && ex.isNumber()) {
            Bound exclusiveBound = new Bound(ex.decimalValue(), true);
            if (bound == null || ex.decimalValue().compareTo(bound.value()) * direction >= 0) {
                return exclusiveBound;
            }
        }
        return bound;
    }

    /** True when the new bound lets through fewer values than the old one (direction 1: lower, -1: upper). */
    private static boolean tighter(Bound oldBound, Bound newBound, int direction) {
        if (newBound == null) {
            return false;
        }
        if (oldBound == null) {
            return true;
        }
        int c = newBound.value().compareTo(oldBound.value()) * direction;
        return c > 0 || c == 0 && newBound.exclusive() && !oldBound.exclusive();
    }

    private static String describe(Bound bound) {
        return bound == null
                ? "none"
                : (bound.exclusive() ? "exclusive " : "")
                        + bound.value().stripTrailingZeros().toPlainString();
    }

    private void compareNumbers(JsonNode o, JsonNode n, Place neu) {
        Bound oldLow = lower(o);
        Bound newLow = lower(n);
        if (tighter(oldLow, newLow, 1)) {
            report(
                    Rule.RANGE_NARROWED,
                    neu.at(
                            n.has("exclusiveMinimum")
                                            && n.get("exclusiveMinimum").isNumber()
                                    ? "exclusiveMinimum"
                                    : "minimum"),
                    "lower bound " + describe(newLow) + ", the old one " + describe(oldLow));
        }
        Bound oldHigh = upper(o);
        Bound newHigh = upper(n);
        if (tighter(oldHigh, newHigh, -1)) {
            report(
                    Rule.RANGE_NARROWED,
                    neu.at(
                            n.has("exclusiveMaximum")
                                            && n.get("exclusiveMaximum").isNumber()
                                    ? "exclusiveMaximum"
                                    : "maximum"),
                    "upper bound " + describe(newHigh) + ", the old one " + describe(oldHigh));
        }
        JsonNode newMultiple = n.get("multipleOf");
        if (newMultiple != null && newMultiple.isNumber()) {
            JsonNode oldMultiple = o.get("multipleOf");
            boolean implied = oldMultiple != null
                    && oldMultiple.isNumber()
                    && oldMultiple
                                    .decimalValue()
                                    .remainder(newMultiple.decimalValue())
                                    .signum()
                            == 0;
            if (!implied) {
                report(
                        Rule.RANGE_NARROWED,
                        neu.at("multipleOf"),
                        "multipleOf " + newMultiple.asText() + ", the old one "
                                + (oldMultiple == null ? "none" : oldMultiple.asText()));
            }
        }
    }

    private void compareStrings(JsonNode o, JsonNode n, Place neu) {
        long oldMin = o.path("minLength").asLong(0);
        long newMin = n.path("minLength").asLong(0);
        if (newMin > oldMin) {
            report(Rule.LENGTH_NARROWED, neu.at("minLength"), "minLength " + newMin + ", the old one " + oldMin);
        }
        if (n.has("maxLength")
                && (!o.has("maxLength")
                        || n.get("maxLength").asLong() < o.get("maxLength").asLong())) {
            report(
                    Rule.LENGTH_NARROWED,
                    neu.at("maxLength"),
                    "maxLength " + n.get("maxLength").asLong() + ", the old one "
                            + (o.has("maxLength") ? o.get("maxLength").asLong() : "none"));
        }
        if (n.has("pattern") && !sameJson(n.get("pattern"), o.get("pattern"))) {
            report(
                    Rule.PATTERN_CHANGED,
                    neu.at("pattern"),
                    "pattern " + n.get("pattern") + ", the old one " + (o.has("pattern") ? o.get("pattern") : "none"));
        }
        if (newer.assertsFormat() && n.has("format") && !sameJson(n.get("format"), o.get("format"))) {
            report(
                    Rule.FORMAT_CHANGED,
                    neu.at("format"),
                    "format " + n.get("format") + ", the old one " + (o.has("format") ? o.get("format") : "none"));
        }
    }

    // --- arrays --------------------------------------------------------------------------------------------------

    /** An array schema as positions (a tuple) and what follows them (null: anything). */
    private record Items(List<Place> tuple, Place rest) {
        static Items of(Place place) {
            JsonNode node = place.node();
            List<Place> tuple = new ArrayList<>();
            if (node.path("prefixItems").isArray()) {
                for (int i = 0; i < node.get("prefixItems").size(); i++) {
                    tuple.add(place.child("prefixItems", i));
                }
                return new Items(tuple, place.child("items"));
            }
            if (node.path("items").isArray()) {
                for (int i = 0; i < node.get("items").size(); i++) {
                    tuple.add(place.child("items", i));
                }
                return new Items(tuple, place.child("additionalItems"));
            }
            return new Items(tuple, place.child("items"));
        }

        Place at(int index) {
            return index < tuple.size() ? tuple.get(index) : rest;
        }
    }

    private void compareArrays(Place old, Place neu) {
        JsonNode o = old.node().isObject() ? old.node() : JsonNodeFactory.instance.objectNode();
        JsonNode n = neu.node();
        long oldMin = o.path("minItems").asLong(0);
        long newMin = n.path("minItems").asLong(0);
        if (newMin > oldMin) {
            report(Rule.ITEMS_NARROWED, neu.at("minItems"), "minItems " + newMin + ", the old one " + oldMin);
        }
        if (n.has("maxItems")
                && (!o.has("maxItems")
                        || n.get("maxItems").asLong() < o.get("maxItems").asLong())) {
            report(
                    Rule.ITEMS_NARROWED,
                    neu.at("maxItems"),
                    "maxItems " + n.get("maxItems").asLong() + ", the old one "
                            + (o.has("maxItems") ? o.get("maxItems").asLong() : "none"));
        }
        if (n.path("uniqueItems").asBoolean(false) && !o.path("uniqueItems").asBoolean(false)) {
            report(Rule.ITEMS_NARROWED, neu.at("uniqueItems"), "items must now be unique");
        }
        Items oldItems = old.node().isObject() ? Items.of(old) : new Items(List.of(), null);
        Items newItems = Items.of(neu);
        int positions = Math.max(oldItems.tuple().size(), newItems.tuple().size());
        for (int i = 0; i <= positions; i++) {
            Place oldItem = oldItems.at(i);
            Place newItem = newItems.at(i);
            if (newItem == null) {
                continue;
            }
            boolean oldAllowsItems = oldItem == null
                    || !oldItem.node().isBoolean()
                    || oldItem.node().asBoolean();
            if (newItem.node().isBoolean() && !newItem.node().asBoolean()) {
                if (oldAllowsItems) {
                    report(
                            Rule.ITEMS_NARROWED,
                            newItem.pointer(),
                            "the new schema allows no item " + (i + 1) + " (false), the old one did");
                }
                continue;
            }
            compare(oldItem == null ? new Place(ANY, null) : oldItem, newItem);
        }
    }

    // --- objects -------------------------------------------------------------------------------------------------

    private void compareObjects(Place old, Place neu) {
        JsonNode o = old.node().isObject() ? old.node() : JsonNodeFactory.instance.objectNode();
        JsonNode n = neu.node();
        Set<String> oldRequired = requiredOf(old, 0);
        if (n.path("required").isArray()) {
            for (JsonNode name : n.get("required")) {
                if (!oldRequired.contains(name.asText())) {
                    report(
                            Rule.REQUIRED_ADDED,
                            neu.at("required"),
                            "'" + name.asText() + "' is required by the new schema, optional in the old one");
                }
            }
        }
        JsonNode newProperties = n.path("properties");
        JsonNode oldProperties = o.path("properties");
        boolean samePatterns = sameJson(o.get("patternProperties"), n.get("patternProperties"));
        for (Iterator<String> names = newProperties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Place newProperty = neu.child("properties", name);
            if (oldProperties.has(name)) {
                compare(old.child("properties", name), newProperty);
                continue;
            }
            Place oldFallback = samePatterns ? matchingPattern(old, name) : null;
            if (oldFallback == null) {
                oldFallback = old.node().isObject() ? old.child("additionalProperties") : null;
            }
            if (oldFallback == null
                    || oldFallback.node().isBoolean() && oldFallback.node().asBoolean()) {
                if (!acceptsEverything(resolveNewNode(newProperty), newer)) {
                    report(
                            Rule.PROPERTY_ADDED_TO_OPEN_OBJECT,
                            newProperty.pointer(),
                            "'" + name + "' is new and the old object is open (additionalProperties is not false): "
                                    + "old documents may already carry '" + name + "' with any value");
                }
                continue;
            }
            compare(oldFallback, newProperty);
        }
        for (Iterator<String> names = oldProperties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (newProperties.has(name)) {
                continue;
            }
            Place newFallback = samePatterns ? matchingPattern(neu, name) : null;
            if (newFallback == null) {
                newFallback = neu.child("additionalProperties");
            }
            if (newFallback == null) {
                continue; // open: anything goes under that name now
            }
            if (newFallback.node().isBoolean() && !newFallback.node().asBoolean()) {
                report(
                        Rule.PROPERTY_REMOVED_FROM_CLOSED_OBJECT,
                        "#" + old.path().append("properties").append(name),
                        "'" + name + "' is gone from the new schema, whose additionalProperties is false: old "
                                + "documents carrying it are rejected");
                continue;
            }
            compare(old.child("properties", name), newFallback);
        }
        Place newAdditional = neu.child("additionalProperties");
        if (newAdditional != null && !acceptsEverything(newAdditional.node(), newer)) {
            Place oldAdditional = old.node().isObject() ? old.child("additionalProperties") : null;
            boolean oldOpen = oldAdditional == null || acceptsEverything(oldAdditional.node(), older);
            if (oldOpen) {
                report(
                        Rule.ADDITIONAL_PROPERTIES_NARROWED,
                        newAdditional.pointer(),
                        newAdditional.node().isBoolean()
                                ? "the new object is closed (additionalProperties: false), the old one was open"
                                : "the new schema constrains properties it does not name, the old one allowed any");
            } else {
                compare(oldAdditional, newAdditional);
            }
        }
        long oldMin = o.path("minProperties").asLong(0);
        long newMin = n.path("minProperties").asLong(0);
        if (newMin > oldMin) {
            report(
                    Rule.PROPERTY_COUNT_NARROWED,
                    neu.at("minProperties"),
                    "minProperties " + newMin + ", the old one " + oldMin);
        }
        if (n.has("maxProperties")
                && (!o.has("maxProperties")
                        || n.get("maxProperties").asLong()
                                < o.get("maxProperties").asLong())) {
            report(
                    Rule.PROPERTY_COUNT_NARROWED,
                    neu.at("maxProperties"),
                    "maxProperties " + n.get("maxProperties").asLong() + ", the old one "
                            + (o.has("maxProperties") ? o.get("maxProperties").asLong() : "none"));
        }
    }

    private JsonNode resolveNewNode(Place place) {
        JsonNode ref = place.node().get("$ref");
        if (ref != null && ref.isTextual() && !hasAssertionsBesidesRef(place.node())) {
            Place target = resolve(newer, ref.asText());
            return target == null ? place.node() : target.node();
        }
        return place.node();
    }

    /** The required properties of the old schema here, with those of its allOf branches (old documents meet all). */
    private Set<String> requiredOf(Place place, int depth) {
        Set<String> required = new TreeSet<>();
        if (place == null || depth > 16 || !place.node().isObject()) {
            return required;
        }
        place.node().path("required").forEach(r -> required.add(r.asText()));
        JsonNode all = place.node().get("allOf");
        if (all != null && all.isArray()) {
            for (int i = 0; i < all.size(); i++) {
                required.addAll(requiredOf(resolveOldQuietly(place.child("allOf", i)), depth + 1));
            }
        }
        return required;
    }

    private static Place matchingPattern(Place place, String name) {
        JsonNode patterns = place.node().path("patternProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = patterns.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (Pattern.compile(e.getKey()).matcher(name).find()) {
                    return place.child("patternProperties", e.getKey());
                }
            } catch (PatternSyntaxException ignored) {
                // a pattern Java cannot read matches nothing here; the validator reports it on the data
            }
        }
        return null;
    }

    // --- combinations --------------------------------------------------------------------------------------------

    private void compareCombinations(Place old, Place neu) {
        JsonNode o = old.node().isObject() ? old.node() : JsonNodeFactory.instance.objectNode();
        JsonNode n = neu.node();
        for (String combination : List.of("anyOf", "oneOf")) {
            if (!n.path(combination).isArray()) {
                continue;
            }
            int newCount = n.get(combination).size();
            String oldCombination = o.path(combination).isArray()
                    ? combination
                    : o.path("anyOf").isArray() ? "anyOf" : o.path("oneOf").isArray() ? "oneOf" : null;
            List<Place> oldBranches = new ArrayList<>();
            if (oldCombination == null) {
                oldBranches.add(withoutCombinations(old));
            } else {
                for (int i = 0; i < o.get(oldCombination).size(); i++) {
                    oldBranches.add(old.child(oldCombination, i));
                }
            }
            for (int i = 0; i < oldBranches.size(); i++) {
                Place oldBranch = oldBranches.get(i);
                boolean fits = false;
                for (int j = 0; j < newCount && !fits; j++) {
                    fits = trial(oldBranch, neu.child(combination, j)).isEmpty();
                }
                if (!fits) {
                    // the branch at the same place is most likely its successor: say what broke against it
                    Place successor = oldCombination != null && i < newCount
                            ? neu.child(combination, i)
                            : newCount == 1 ? neu.child(combination, 0) : null;
                    report(
                            Rule.COMBINATION_NARROWED,
                            neu.at(combination),
                            (oldCombination == null ? "what the old schema allows" : "old " + oldBranch.pointer())
                                    + " fits none of the " + newCount + " new " + combination + " branches"
                                    + firstBreak(oldBranch, successor));
                }
            }
        }
        if (n.path("allOf").isArray()) {
            List<Place> oldParts = new ArrayList<>();
            oldParts.add(withoutCombinations(old));
            if (o.path("allOf").isArray()) {
                for (int i = 0; i < o.get("allOf").size(); i++) {
                    oldParts.add(old.child("allOf", i));
                }
            }
            for (int j = 0; j < n.get("allOf").size(); j++) {
                Place newPart = neu.child("allOf", j);
                boolean implied = false;
                for (int i = 0; i < oldParts.size() && !implied; i++) {
                    implied = trial(oldParts.get(i), newPart).isEmpty();
                }
                if (!implied) {
                    Place counterpart = j + 1 < oldParts.size() ? oldParts.get(j + 1) : oldParts.get(0);
                    report(
                            Rule.COMBINATION_NARROWED,
                            newPart.pointer(),
                            "this allOf branch is not implied by the old schema" + firstBreak(counterpart, newPart));
                }
            }
        }
    }

    private String firstBreak(Place old, Place neu) {
        if (neu == null) {
            return "";
        }
        return trial(old, neu).stream()
                .findFirst()
                .map(i -> "; against " + (old.path() == null ? "it" : old.pointer()) + ": " + i)
                .orElse("");
    }

    /** The old place without its anyOf/oneOf/allOf: what a branch of the new schema is compared with. */
    private static Place withoutCombinations(Place place) {
        if (!place.node().isObject()) {
            return place;
        }
        ObjectNode copy = ((ObjectNode) place.node()).deepCopy();
        copy.remove(List.of("anyOf", "oneOf", "allOf"));
        return new Place(copy, place.path());
    }

    /** JSON equality where 1 and 1.0 are the same number, as in JSON Schema. */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(
                (Comparator<JsonNode>) (x, y) -> x.isNumber() && y.isNumber()
                        ? x.decimalValue().compareTo(y.decimalValue())
                        : Objects.equals(x, y) ? 0 : 1,
                b);
    }
}
