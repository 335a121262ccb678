package io.dataops.sit.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One existing service the admin lets runs use as an external broker or database (sit.isolation.external.allowed):
 * which host names and ports a SitRun may name, and the address block and ports the run's NetworkPolicy then opens
 * for them. Written {@code <host>:<port>[-<lastPort>]=<cidr>}, e.g. {@code kafka.shared.example.com:9092-9094=10.20.0.0/16}
 * or {@code *.db.example.com:5432=10.30.0.0/24}. The host is matched as written (case-insensitive), a leading
 * {@code *.} matching any sub-domain; no name is ever resolved by the operator, so the admin states the block the
 * service lives in (for Kafka: where every broker it advertises lives, on every broker port in the range).
 */
public record ExternalEndpoint(String hostPattern, int firstPort, int lastPort, Cidr cidr) {

    public static final String SETTING = "sit.isolation.external.allowed";

    /** Does host:port, as a SitRun names it, fall under this entry? */
    public boolean matches(String host, int port) {
        if (port < firstPort || port > lastPort) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (hostPattern.startsWith("*.")) {
            return h.endsWith(hostPattern.substring(1)) && h.length() > hostPattern.length() - 1;
        }
        return h.equals(hostPattern);
    }

    @Override
    public String toString() {
        return hostPattern + ":" + firstPort + (lastPort == firstPort ? "" : "-" + lastPort) + "=" + cidr;
    }

    /** The comma-separated setting; a malformed entry, or one whose block is only a metadata endpoint, is refused. */
    public static List<ExternalEndpoint> parseAll(String setting) {
        List<ExternalEndpoint> entries = new ArrayList<>();
        for (String entry : setting.split(",")) {
            if (!entry.isBlank()) {
                entries.add(parse(entry.trim()));
            }
        }
        return List.copyOf(entries);
    }

    static ExternalEndpoint parse(String entry) {
        int equals = entry.indexOf('=');
        int colon = equals < 0 ? -1 : entry.lastIndexOf(':', equals);
        if (equals < 0 || colon <= 0) {
            throw invalid(entry, "expected <host>:<port>[-<lastPort>]=<cidr>");
        }
        String host = entry.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!host.matches("(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw invalid(entry, "'" + host + "' is not a host name, an IPv4 address or *.<domain>");
        }
        String ports = entry.substring(colon + 1, equals);
        int dash = ports.indexOf('-');
        int first;
        int last;
        try {
            first = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
            last = dash < 0 ? first : Integer.parseInt(ports.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw invalid(entry, "'" + ports + "' is not a port or a port range");
        }
        if (first < 1 || last > 65535 || last < first) {
            throw invalid(entry, "ports must be 1-65535, the range ascending");
        }
        Cidr cidr;
        try {
            cidr = Cidr.parse(entry.substring(equals + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(entry, e.getMessage());
        }
        if (OperatorSettings.IsolationFence.INSTANCE_METADATA.contains(cidr)) {
            throw invalid(entry, cidr + " is an instance metadata endpoint, which a run may never reach");
        }
        return new ExternalEndpoint(host, first, last, cidr);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException(SETTING + " entry '" + entry + "': " + why);
    }
}
