package dev.sessio.gateway.edge;

import io.netty.util.NetUtil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client's address for per-address limits and {@code X-Forwarded-For}: the direct peer, unless the peer is a
 * trusted proxy. Then the forwarded chain ({@code Forwarded}, else {@code X-Forwarded-For}) is read from the right,
 * skipping trusted proxies: the first address not trusted is the client. Entries left of it were written by the
 * client and may be anything, so they are never used (what nginx's {@code real_ip_recursive} does).
 */
public final class ClientAddress {

    private final List<Cidr> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
    }

    /**
     * @param peer            the direct peer's address (an IP literal)
     * @param forwarded       the {@code Forwarded} header (RFC 7239), or null
     * @param xForwardedFor   the {@code X-Forwarded-For} header, or null
     */
    public String resolve(String peer, String forwarded, String xForwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        String direct = normalise(peer) == null ? peer : normalise(peer);
        if (!trusted(direct)) {
            return direct;
        }
        List<String> chain = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded)
                : xForwardedFor != null ? splitList(xForwardedFor) : List.of();
        String client = direct;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = normalise(chain.get(i));
            if (hop == null) {
                // "unknown", an obfuscated name or garbage: the last proxy we trust is as far as we can see
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code for=} values of every element, in order. */
    private static List<String> forwardedFor(String header) {
        List<String> values = new ArrayList<>();
        for (String element : splitList(header)) {
            for (String pair : element.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
                    values.add(pair.substring(eq + 1).trim());
                }
            }
        }
        return values;
    }

    private static List<String> splitList(String header) {
        List<String> values = new ArrayList<>();
        for (String value : header.split(",")) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    /** An IP literal without quotes, brackets or port; null when the value is not one. */
    static String normalise(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            v = close < 0 ? v : v.substring(1, close);
        } else if (v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            v = v.substring(0, v.indexOf(':'));
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(v);
        if (bytes == null) {
            return null;
        }
        return bytes.length == 4 ? v : NetUtil.bytesToIpAddress(bytes).toLowerCase(Locale.ROOT);
    }

    /** {@code 10.0.0.0/8}, {@code ::1/128} or a single address. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            byte[] network = NetUtil.createByteArrayFromIpAddressString(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: \"" + text + "\"");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: \"" + text + "\"");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != network.length) {
                // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) against an IPv4 range
                if (candidate.length == 16 && network.length == 4 && mappedIpv4(candidate)) {
                    candidate = Arrays.copyOfRange(candidate, 12, 16);
                } else {
                    return false;
                }
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        private static boolean mappedIpv4(byte[] address) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return false;
                }
            }
            return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
        }
    }
}
