package io.dataops.sit.api;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text safe for places tenants, CI logs and dashboards read (status, events, logs, reports): credentials
 * in URLs are masked and the text is bounded. Used by the operator and the runner alike.
 *
 * <ul>
 *   <li>URLs ({@code scheme://...}, {@code jdbc:...://...}): userinfo becomes {@code ***@}, the query string
 *       {@code ?***} and a fragment {@code #***}; scheme, host, port and path stay so the message still says
 *       what was called.</li>
 *   <li>{@code password=}, {@code token=}, {@code secret=}, {@code apikey=}, ... assignments outside URLs: the
 *       value becomes {@code ***}.</li>
 *   <li>At most {@link #MAX_BYTES} bytes of UTF-8 (cut on a character boundary, marked with an ellipsis).</li>
 * </ul>
 */
public final class Redaction {

    /** Upper bound of every message the operator writes into status or an event (4 KiB). */
    public static final int MAX_BYTES = 4096;

    public static final String MASK = "***";
    private static final String ELLIPSIS = "…[truncated]";

    /** scheme://[userinfo@]host[:port][/path][?query][#fragment], stopping at whitespace and quotes. */
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*:(?:[a-z0-9+.-]+:)?//)([^\\s/?#@\"'<>]*@)?([^\\s/?#\"'<>]*)([^\\s?#\"'<>]*)"
                    + "(\\?[^\\s#\"'<>]*)?(#[^\\s\"'<>]*)?");

    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)\\b((?:[a-z0-9_.-]*[_.-])?(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
                    + "secret[_-]?key|session[_-]?token|authorization)\\s*[=:]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^\\s,;&\"'}]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[a-z0-9._~+/=-]{8,}");

    private Redaction() {}

    /** Redacted and bounded: what may go into status, events and logs. Null stays null. */
    public static String safe(String text) {
        return truncate(redact(text), MAX_BYTES);
    }

    /** URLs' userinfo, query and fragment, secret-looking assignments and bearer tokens masked. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder url = new StringBuilder(m.group(1));
            if (m.group(2) != null) {
                url.append(MASK).append('@');
            }
            url.append(m.group(3)).append(m.group(4));
            if (m.group(5) != null) {
                url.append('?').append(MASK);
            }
            if (m.group(6) != null) {
                url.append('#').append(MASK);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(url.toString()));
        }
        m.appendTail(out);
        String masked = BEARER.matcher(out).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " " + MASK));
        return SECRET_ASSIGNMENT.matcher(masked).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    /** At most maxBytes of UTF-8, cut before a character (never half a surrogate pair), marked when cut. */
    public static String truncate(String text, int maxBytes) {
        if (text == null || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int budget = maxBytes - ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** The first line only: database errors carry the statement, context and row values on later lines. */
    public static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).stripTrailing();
    }
}
