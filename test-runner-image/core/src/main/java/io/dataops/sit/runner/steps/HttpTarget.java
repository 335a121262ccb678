package io.dataops.sit.runner.steps;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.env.RunEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where an HTTP step's target points. Written as {@code http(s)://...} it is used as it is; written as
 * {@code <name>[:<port>]/<path>} the name is, in this order:
 * <ol>
 *   <li>a runner variable {@code SIT_HTTP_<NAME>_URL} (an existing instance or a SaaS API: "just pass in the server
 *       URL"), when no port is written;</li>
 *   <li>a system of the run ({@code spec.systems[].name}) on its first declared port, or the port written (its number
 *       or its name): in a cluster the system's Service, {@code http://<name>:<port>} in the run's namespace; locally
 *       {@code http://127.0.0.1:<port>}, where its {@code local.command} listens.</li>
 * </ol>
 */
final class HttpTarget {

    private HttpTarget() {}

    /** {@code SIT_HTTP_<NAME>_URL}: the base URL of a target that is not a system of the run. */
    static String urlVariable(String name) {
        return "SIT_HTTP_" + RunContract.envName(name) + "_URL";
    }

    static URI resolve(String written, RunEnvironment env) {
        String target = written.strip();
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return parse(target, written, null);
        }
        int slash = target.indexOf('/');
        int query = target.indexOf('?');
        int end = slash < 0 ? (query < 0 ? target.length() : query) : (query < 0 ? slash : Math.min(slash, query));
        String head = target.substring(0, end);
        String rest = target.substring(end);
        if (!rest.startsWith("/")) {
            rest = "/" + rest;
        }
        int colon = head.indexOf(':');
        String name = colon < 0 ? head : head.substring(0, colon);
        String port = colon < 0 ? null : head.substring(colon + 1);
        if (name.isEmpty()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "'" + written + "' names no target: write <system>/<path> or a http(s):// URL");
        }
        Optional<String> base = port == null ? env.variable(urlVariable(name)) : Optional.empty();
        if (base.isPresent()) {
            String b = base.get().strip();
            return parse((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + rest, written, urlVariable(name));
        }
        SystemSpec system = systems(env).stream()
                .filter(s -> name.equals(s.getName()))
                .findFirst()
                .orElseThrow(() -> new StepError(
                        RunReason.BAD_INPUT,
                        "'" + name + "' is neither a system of this run (systems: "
                                + systems(env).stream().map(SystemSpec::getName).toList() + ") nor a target whose "
                                + "base URL is in the runner variable " + urlVariable(name)
                                + " (set it in spec.runner.env)"));
        int number = port(system, port);
        String host = env.kubernetesNamespace().isPresent() ? system.getName() : "127.0.0.1";
        return parse("http://" + host + ":" + number + rest, written, null);
    }

    private static int port(SystemSpec system, String written) {
        List<SystemPort> ports = system.getPorts();
        if (ports.isEmpty()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "system " + system.getName() + " declares no ports: add ports: [{port: <n>}] to it (in a cluster a "
                            + "Service exposes exactly those)");
        }
        if (written == null) {
            return ports.get(0).getPort();
        }
        for (SystemPort p : ports) {
            if (written.equals(p.nameOrDefault()) || written.equals(String.valueOf(p.getPort()))) {
                return p.getPort();
            }
        }
        throw new StepError(
                RunReason.BAD_INPUT,
                "system " + system.getName() + " has no port '" + written + "' (ports: "
                        + ports.stream()
                                .map(p -> p.nameOrDefault() + "=" + p.getPort())
                                .toList()
                        + ")");
    }

    private static List<SystemSpec> systems(RunEnvironment env) {
        return env.sitRun() == null || env.sitRun().getSpec() == null
                ? List.of()
                : env.sitRun().getSpec().getSystems();
    }

    /** @param variable the runner variable the base URL came from: its value (a token in it?) is never quoted */
    private static URI parse(String url, String written, String variable) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "'" + written + "' does not make a URL"
                            + (variable == null ? " (" + e.getMessage() + ")" : " with the base URL in " + variable));
        }
    }
}
