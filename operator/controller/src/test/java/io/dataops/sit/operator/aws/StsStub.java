package io.dataops.sit.operator.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A local stand-in for STS on 127.0.0.1: answers the Query API (form-encoded POST, XML reply) for AssumeRole
 * and AssumeRoleWithWebIdentity, and records every request so tests can assert what was sent.
 */
final class StsStub implements AutoCloseable {

    /** One request as STS saw it: the form parameters and whether it was signed. */
    record Request(Map<String, String> params, String authorization) {
        String action() {
            return params.get("Action");
        }
    }

    static final String ACCESS_KEY_PREFIX = "ASIASTUBKEY";
    static final String SECRET_KEY_PREFIX = "stubSecretKey/";
    static final String SESSION_TOKEN_PREFIX = "stubSessionToken+";

    private final HttpServer server;
    private final Supplier<Instant> now;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile boolean denyAll;
    private final Set<String> deniedRoles = ConcurrentHashMap.newKeySet();

    StsStub(Supplier<Instant> now) throws IOException {
        this.now = now;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    /** From now on every call is refused with 403 AccessDenied, as STS does for a role the caller may not assume. */
    void denyAll() {
        denyAll = true;
    }

    /** Calls for this role are refused with 403 AccessDenied; other roles still get credentials. */
    void deny(String roleArn) {
        deniedRoles.add(roleArn);
    }

    /** The credential strings the n-th (1-based) successful call returned. */
    static String accessKey(int n) {
        return ACCESS_KEY_PREFIX + n;
    }

    static String secretKey(int n) {
        return SECRET_KEY_PREFIX + n + "wJalrXUtnFEMI";
    }

    static String sessionToken(int n) {
        return SESSION_TOKEN_PREFIX + n + "FwoGZXIvYXdzEJr";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request =
                new Request(parseForm(body), exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(request);
        if (denyAll || deniedRoles.contains(request.params().get("RoleArn"))) {
            respond(exchange, 403, """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error>
                        <Type>Sender</Type>
                        <Code>AccessDenied</Code>
                        <Message>User: arn:aws:sts::123456789012:assumed-role/sit-operator/op is not authorized to perform: sts:AssumeRole on resource: %s</Message>
                      </Error>
                      <RequestId>00000000-0000-0000-0000-000000000403</RequestId>
                    </ErrorResponse>
                    """.formatted(request.params().get("RoleArn")));
            return;
        }
        int n = issued.incrementAndGet();
        // STS' default lifetime is one hour when DurationSeconds is not sent.
        Instant expiration =
                now.get().plusSeconds(Long.parseLong(request.params().getOrDefault("DurationSeconds", "3600")));
        String action = request.action();
        String extra = "AssumeRoleWithWebIdentity".equals(action)
                ? "<SubjectFromWebIdentityToken>system:serviceaccount:sit-system:sit-operator</SubjectFromWebIdentityToken>"
                        + "<Audience>sts.amazonaws.com</Audience><Provider>oidc.example.com</Provider>"
                : "";
        respond(exchange, 200, """
                <%1$sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <%1$sResult>
                    %2$s
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/sit-runner/%3$s</Arn>
                      <AssumedRoleId>AROASTUB:%3$s</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%4$s</AccessKeyId>
                      <SecretAccessKey>%5$s</SecretAccessKey>
                      <SessionToken>%6$s</SessionToken>
                      <Expiration>%7$s</Expiration>
                    </Credentials>
                  </%1$sResult>
                  <ResponseMetadata><RequestId>00000000-0000-0000-0000-%8$012d</RequestId></ResponseMetadata>
                </%1$sResponse>
                """.formatted(
                        action,
                        extra,
                        request.params().get("RoleSessionName"),
                        accessKey(n),
                        secretKey(n),
                        sessionToken(n),
                        expiration,
                        n));
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
