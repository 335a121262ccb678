package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.cucumber.docstring.DocString;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ThresholdResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * HTTP targets: requests to a system of the run (or any URL) and assertions on the answer's status and JSON, each
 * recorded as a threshold. Values taken from runner variables (tokens, API keys: a Secret handed to the runner through
 * {@code spec.runner.env[].valueFrom.secretKeyRef}) are masked wherever text leaves this class: log lines, threshold
 * names and messages, failures. The target grammar is {@link HttpTarget}'s.
 */
public class HttpSteps {

    /** How often "within" sends the request again, and how often a refused connection is retried. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Longest wait for one answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The answer's body is read up to this size; what is longer is cut (and is then rarely JSON). */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Set<String> REPEATABLE = Set.of("GET", "HEAD");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();

    /** A request as a step sent it; {@code target} is as written in the feature (names and messages use it). */
    record Request(String method, String target, URI uri, Map<String, String> headers, byte[] body) {}

    /** An answer: status, content type and the body as text (UTF-8). */
    record Answer(int status, String contentType, String body, long millis) {}

    /** The last request and its answer (null when none came: connection refused, timed out). */
    record Exchange(Request request, Answer answer, String failure) {}

    /** A JSON path as compiled and as written (names and messages show it as written). */
    private record Selector(JsonPath path, String shown) {}

    /** One evaluation of an assertion against an answer. */
    private record Check(boolean passed, BigDecimal actual, String message) {}

    private final ScenarioWorld world;
    private final RunContext run;

    public HttpSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Given(StepTexts.HTTP_HEADER)
    public void header(String name, String value) {
        setHeader(name, value.strip());
    }

    @Given(StepTexts.HTTP_HEADERS_FROM)
    public void headersFrom(String file) {
        Path path = Fixtures.resolve(file, run, world);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StepError(RunReason.FIXTURE_UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode object = JSON.readTree(trimmed);
                object.properties()
                        .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                throw new StepError(
                        RunReason.BAD_INPUT, file + " is not a JSON object of headers: " + e.getOriginalMessage());
            }
        } else {
            int line = 0;
            for (String l : text.split("\\R")) {
                line++;
                if (l.isBlank() || l.stripLeading().startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon <= 0) {
                    throw new StepError(
                            RunReason.BAD_INPUT,
                            file + " line " + line + " is not 'Name: value' (nor is the file JSON)");
                }
                headers.put(
                        l.substring(0, colon).strip(), l.substring(colon + 1).strip());
            }
        }
        headers.forEach(this::setHeader);
    }

    @Given(StepTexts.HTTP_HEADER_FROM_ENV)
    public void headerFromEnv(String name, String variable) {
        String value = secret(variable);
        setHeader(name, value);
    }

    @Given(StepTexts.HTTP_AUTH_FROM_ENV)
    public void authFromEnv(String kind, String variable) {
        String value = secret(variable);
        if (kind.equals("bearer token")) {
            setHeader("Authorization", "Bearer " + value);
            return;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            // the value is not quoted: it is a secret, and its shape is all there is to say about it
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "runner variable " + variable + " must hold basic credentials as user:password");
        }
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        world.httpSecrets.add(value.substring(colon + 1));
        world.httpSecrets.add(encoded);
        setHeader("Authorization", "Basic " + encoded);
    }

    @When(StepTexts.HTTP_REQUEST)
    public void request(String method, String target) {
        send(method, target, null, null);
    }

    @When(StepTexts.HTTP_REQUEST_BODY_FILE)
    public void requestWithBodyFrom(String method, String file, String target) {
        Path path = Fixtures.resolve(file, run, world);
        byte[] body;
        try {
            body = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new StepError(RunReason.FIXTURE_UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        send(method, target, body, contentTypeOf(path.getFileName().toString()));
    }

    @When(StepTexts.HTTP_REQUEST_BODY)
    public void requestWithBody(String method, String target, DocString body) {
        String text = body.getContent();
        String type = body.getContentType() != null && !body.getContentType().isBlank()
                ? mediaType(body.getContentType())
                : looksLikeJson(text) ? "application/json" : "text/plain; charset=utf-8";
        send(method, target, text.getBytes(StandardCharsets.UTF_8), type);
    }

    @Then(StepTexts.HTTP_STATUS)
    public void status(int expected, String within) {
        Exchange exchange = requireExchange();
        Check check = poll(a -> new Check(a.status() == expected, BigDecimal.valueOf(a.status()), null), within);
        Exchange last = world.lastHttp;
        ThresholdResult r = new ThresholdResult(
                name(exchange, "status is " + expected, within),
                BigDecimal.valueOf(expected),
                BigDecimal.ZERO,
                check.actual(),
                check.passed());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (!check.passed()) {
            r.setMessage(scrub(
                    check.message() != null
                            ? check.message()
                            : describe(last) + " answered " + last.answer().status() + ": "
                                    + abbreviate(last.answer().body())));
        }
        run.record(world, r);
    }

    @Then(StepTexts.HTTP_JSON_VALUE)
    public void jsonValue(String path, String expectedText, String within) {
        Exchange exchange = requireExchange();
        Selector selector = compile(path);
        String expected = expectedText.strip();
        BigDecimal expectedNumber = number(unquoted(expected));
        Check check = poll(a -> valueCheck(a, selector, expected), within);
        ThresholdResult r = new ThresholdResult(
                name(exchange, "JSON at " + selector.shown() + " is " + expected, within),
                expectedNumber,
                expectedNumber == null ? null : BigDecimal.ZERO,
                check.actual(),
                check.passed());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (!check.passed() || check.actual() == null) {
            r.setMessage(scrub(check.message()));
        }
        run.record(world, r);
    }

    @Then(StepTexts.HTTP_JSON_COUNT)
    public void jsonCount(String path, long expected, String within) {
        Exchange exchange = requireExchange();
        Selector selector = compile(path);
        Check check = poll(a -> countCheck(a, selector, expected), within);
        ThresholdResult r = new ThresholdResult(
                name(exchange, "JSON at " + selector.shown() + " has " + expected + " items", within),
                BigDecimal.valueOf(expected),
                BigDecimal.ZERO,
                check.actual(),
                check.passed());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (!check.passed()) {
            r.setMessage(scrub(check.message()));
        }
        run.record(world, r);
    }

    @After
    public void closeClient() {
        if (world.httpClient != null) {
            world.httpClient.close();
            world.httpClient = null;
        }
    }

    // --- requests ---

    private void setHeader(String name, String value) {
        try {
            // the JDK refuses what it sets itself (Host, Content-Length, Connection, Expect, Upgrade)
            HttpRequest.newBuilder(URI.create("http://header.check/")).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new StepError(
                    RunReason.BAD_INPUT, "HTTP header " + name + " cannot be set by a step: " + e.getMessage());
        }
        world.httpHeaders.put(name, value);
    }

    /** A runner variable's value, remembered as a secret; unset is bad input naming the variable (never a value). */
    private String secret(String variable) {
        String value = run.env()
                .variable(variable)
                .orElseThrow(() -> new StepError(
                        RunReason.BAD_INPUT,
                        "runner variable " + variable + " is not set: hand it to the runner in spec.runner.env, from "
                                + "a Secret with valueFrom.secretKeyRef (locally: a Secret document in the SitRun file, "
                                + "or the variable in your shell)"))
                .strip();
        world.httpSecrets.add(value);
        return value;
    }

    private void send(String method, String target, byte[] body, String contentType) {
        URI uri = HttpTarget.resolve(target, run.env());
        Map<String, String> headers = new LinkedHashMap<>(world.httpHeaders);
        if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            headers.put("Content-Type", contentType);
        }
        Request request = new Request(method, target, uri, headers, body);
        Instant connectDeadline = Instant.now().plus(run.settings().httpConnectTimeout());
        Exchange exchange = exchange(request, REQUEST_TIMEOUT, connectDeadline);
        world.lastHttp = exchange;
        if (exchange.answer() == null) {
            throw new AssertionError(scrub(describe(exchange) + ": " + exchange.failure()));
        }
        log(exchange);
    }

    /**
     * Sends once, retrying a refused connection (nothing was sent, so even a POST is safe to retry) until
     * {@code connectDeadline}. Any other failure is the exchange's failure, not an exception.
     */
    private Exchange exchange(Request request, Duration timeout, Instant connectDeadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(builder::header);
        builder.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpRequest http = builder.build();
        while (true) {
            long start = System.nanoTime();
            try {
                HttpResponse<InputStream> response = client().send(http, HttpResponse.BodyHandlers.ofInputStream());
                String body;
                try (InputStream in = response.body()) {
                    byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
                    body = new String(bytes, StandardCharsets.UTF_8);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new Exchange(
                        request,
                        new Answer(
                                response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(""),
                                body,
                                millis),
                        null);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (Instant.now().plus(POLL_INTERVAL).isAfter(connectDeadline)) {
                    return new Exchange(request, null, "no connection (" + describe(e) + ")");
                }
                pause(POLL_INTERVAL);
            } catch (IOException e) {
                return new Exchange(request, null, "no answer (" + describe(e) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while calling " + request.target(), e);
            }
        }
    }

    private HttpClient client() {
        if (world.httpClient == null) {
            // Redirects are not followed: the Authorization header must not travel to another host.
            world.httpClient = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return world.httpClient;
    }

    // --- assertions ---

    private Exchange requireExchange() {
        if (world.lastHttp == null) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "no HTTP answer to check: send a request first ('a GET request is sent to ...')");
        }
        return world.lastHttp;
    }

    /**
     * Checks the last answer; with {@code within} seconds, sends the last request again every poll interval until the
     * check passes or the time is up (only GET and HEAD: sending a POST again would change what is checked).
     */
    private Check poll(Function<Answer, Check> check, String within) {
        Exchange exchange = world.lastHttp;
        Check result = check.apply(exchange.answer());
        if (within == null || result.passed()) {
            return result;
        }
        if (!REPEATABLE.contains(exchange.request().method())) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "'within' sends the last request again, and the last one was a "
                            + exchange.request().method()
                            + ": send a GET first (e.g. the resource the "
                            + exchange.request().method()
                            + " changed)");
        }
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(within));
        while (!result.passed()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(POLL_INTERVAL) < 0) {
                break;
            }
            pause(POLL_INTERVAL);
            left = Duration.between(Instant.now(), deadline);
            Duration timeout = left.compareTo(REQUEST_TIMEOUT) < 0 ? left : REQUEST_TIMEOUT;
            if (timeout.toMillis() < 100) {
                break;
            }
            Exchange again = exchange(exchange.request(), timeout, Instant.now());
            if (again.answer() == null) {
                result = new Check(false, null, describe(again) + ": " + again.failure());
                continue;
            }
            world.lastHttp = again;
            log(again);
            result = check.apply(again.answer());
        }
        return result;
    }

    /** What a JSON path selected in the answer, or the failed check saying why nothing could be. */
    private record Selected(Object value, Check failure) {}

    private Selected select(Answer answer, Selector selector) {
        try {
            return new Selected(read(answer, selector.path()), null);
        } catch (NotJson e) {
            return new Selected(null, new Check(false, null, e.getMessage()));
        } catch (PathNotFoundException e) {
            return new Selected(
                    null,
                    new Check(false, null, "nothing at " + selector.shown() + " in " + abbreviate(answer.body())));
        }
    }

    private Check valueCheck(Answer answer, Selector selector, String expected) {
        Selected found = select(answer, selector);
        if (found.failure() != null) {
            return found.failure();
        }
        Object selected = found.value();
        if (!selector.path().isDefinite() && selected instanceof List<?> list) {
            if (list.size() != 1) {
                return new Check(
                        false,
                        null,
                        selector.shown() + " selected " + list.size() + " values, not one: " + abbreviate(text(list)));
            }
            selected = list.get(0);
        }
        String want = unquoted(expected);
        boolean quoted = !want.equals(expected);
        BigDecimal wantNumber = quoted ? null : number(want);
        BigDecimal actualNumber = selected instanceof Number n ? new BigDecimal(n.toString()) : null;
        boolean passed;
        if (wantNumber != null && actualNumber != null) {
            passed = wantNumber.compareTo(actualNumber) == 0;
        } else if (!quoted && (want.equals("null") || want.equals("true") || want.equals("false"))) {
            passed = want.equals(String.valueOf(selected)) && (selected == null || selected instanceof Boolean);
        } else {
            passed = selected != null
                    && !(selected instanceof Map || selected instanceof List)
                    && want.equals(String.valueOf(selected));
        }
        return new Check(passed, actualNumber, "expected " + expected + ", got " + abbreviate(text(selected)));
    }

    private Check countCheck(Answer answer, Selector selector, long expected) {
        Selected found = select(answer, selector);
        if (found.failure() != null) {
            return found.failure();
        }
        Object selected = found.value();
        if (!(selected instanceof List<?> list)) {
            return new Check(false, null, selector.shown() + " is not an array but " + abbreviate(text(selected)));
        }
        return new Check(
                list.size() == expected,
                BigDecimal.valueOf(list.size()),
                selector.shown() + " has " + list.size() + " items");
    }

    private static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }

    private static Object read(Answer answer, JsonPath path) throws NotJson {
        DocumentContext document;
        try {
            document = JsonPath.using(JSON_PATH).parse(answer.body());
        } catch (InvalidJsonException | IllegalArgumentException e) {
            throw new NotJson("the answer (HTTP " + answer.status() + ", " + answer.contentType() + ") is not JSON: "
                    + abbreviate(answer.body()));
        }
        return document.read(path);
    }

    private static Selector compile(String written) {
        String path = written.strip();
        if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
            path = path.substring(1, path.length() - 1);
        }
        try {
            return new Selector(JsonPath.compile(path), path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new StepError(RunReason.BAD_INPUT, "invalid JSON path " + written + ": " + e.getMessage(), e);
        }
    }

    // --- text ---

    /** The threshold's name: method, target as written (its query masked), what was checked. */
    private String name(Exchange exchange, String what, String within) {
        return scrub("HTTP " + exchange.request().method() + " "
                + exchange.request().target() + " " + what + (within == null ? "" : " within " + within + "s"));
    }

    private static String describe(Exchange exchange) {
        return exchange.request().method() + " " + exchange.request().target();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void log(Exchange exchange) {
        Answer a = exchange.answer();
        Request r = exchange.request();
        // the address a name resolved to, without its query: which instance answered is half of a diagnosis
        String resolved = r.target().startsWith("http")
                ? ""
                : " [" + r.uri().getScheme() + "://" + r.uri().getRawAuthority()
                        + r.uri().getRawPath() + "]";
        System.err.println(scrub("    " + describe(exchange) + resolved + " -> " + a.status() + " (" + a.millis()
                + " ms, " + a.body().length() + " chars)"));
    }

    /** Every secret value masked, then URLs' credentials and query strings and token-looking assignments. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : world.httpSecrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, Redaction.MASK);
            }
        }
        return Redaction.redact(out);
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }

    private static String unquoted(String s) {
        if (s.length() >= 2 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return false;
        }
        try {
            JSON.readTree(t);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A doc string's content type ({@code """json}) as a media type. */
    private static String mediaType(String docStringType) {
        String t = docStringType.strip().toLowerCase(Locale.ROOT);
        return t.contains("/")
                ? t
                : switch (t) {
                    case "json" -> "application/json";
                    case "xml" -> "application/xml";
                    default -> "text/" + t + "; charset=utf-8";
                };
    }

    static String contentTypeOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".xml")) {
            return "application/xml";
        }
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (name.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
