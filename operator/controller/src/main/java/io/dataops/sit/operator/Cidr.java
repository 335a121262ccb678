package io.dataops.sit.operator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block, parsed strictly (a literal address, never a host name: no DNS lookup) and kept
 * in its canonical form (host bits cleared), so containment between blocks can be decided exactly.
 */
public record Cidr(byte[] network, int prefix) {

    /** "10.20.0.0/16", "fd00:ec2::254/128". */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("expected <address>/<bits>, not '" + text + "'");
        }
        String address = t.substring(0, slash);
        // InetAddress.getByName would resolve a host name; only digits, hex, '.' and ':' make a literal.
        if (!address.matches("[0-9a-fA-F.:]+") || (!address.contains(".") && !address.contains(":"))) {
            throw new IllegalArgumentException("not an IP address in '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address in '" + text + "'");
        }
        if (address.contains(":") && bytes.length == 4) {
            // an IPv4-mapped IPv6 literal (::ffff:a.b.c.d) is reported as IPv4 by InetAddress: refuse the ambiguity
            throw new IllegalArgumentException("IPv4-mapped IPv6 addresses are not accepted: '" + text + "'");
        }
        int bits;
        try {
            bits = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in '" + text + "'");
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new Cidr(mask(bytes, bits), bits);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** True when every address of {@code other} is in this block (same family). */
    public boolean contains(Cidr other) {
        if (other.network.length != network.length || other.prefix < prefix) {
            return false;
        }
        return Arrays.equals(mask(other.network, prefix), network);
    }

    /** Canonical text: dotted IPv4, or IPv6 with the longest run of zero groups written as '::'. */
    @Override
    public String toString() {
        if (isIpv4()) {
            return (network[0] & 0xFF) + "." + (network[1] & 0xFF) + "." + (network[2] & 0xFF) + "."
                    + (network[3] & 0xFF) + "/" + prefix;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((network[2 * i] & 0xFF) << 8) | (network[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }
}
