package io.filterplayground.app.request;

import io.filterplayground.engine.http.Header;
import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * cURL command lines to and from requests: what a browser's "Copy as cURL" or a README gives you,
 * in POSIX shell quoting. Options that do not change the request (-s, -v, -k, -L...) are skipped
 * and reported, never an error.
 */
public final class Curl {
    /** A parsed command: the request, and the options that were ignored. */
    public record Parsed(HttpRequest request, List<String> ignored) {}

    private static final Set<String> FLAGS_WITHOUT_VALUE =
            Set.of(
                    "-s",
                    "--silent",
                    "-S",
                    "--show-error",
                    "-v",
                    "--verbose",
                    "-k",
                    "--insecure",
                    "-L",
                    "--location",
                    "-i",
                    "--include",
                    "--compressed",
                    "-f",
                    "--fail",
                    "-N",
                    "--no-buffer",
                    "-g",
                    "--globoff",
                    "--http1.1",
                    "--http2");
    private static final Set<String> OPTIONS_WITH_VALUE =
            Set.of(
                    "-o",
                    "--output",
                    "-m",
                    "--max-time",
                    "--connect-timeout",
                    "-w",
                    "--write-out",
                    "--retry",
                    "-x",
                    "--proxy",
                    "--resolve",
                    "--cacert",
                    "--cert",
                    "--key");

    private Curl() {}

    public static Parsed parse(String command) {
        List<String> args = tokens(command);
        if (args.isEmpty() || !args.get(0).equals("curl")) {
            throw new IllegalArgumentException("a cURL command starts with 'curl'");
        }
        String method = null;
        String url = null;
        List<Header> headers = new ArrayList<>();
        StringBuilder data = null;
        boolean head = false;
        List<String> ignored = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            // --opt=value and -Xvalue forms
            if (a.startsWith("--") && a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            } else if (a.length() > 2
                    && a.startsWith("-")
                    && !a.startsWith("--")
                    && "XHdAeubF".indexOf(a.charAt(1)) >= 0) {
                value = a.substring(2);
                a = a.substring(0, 2);
            }
            switch (a) {
                case "-X", "--request" -> method = (value != null ? value : next(args, ++i, a));
                case "-H", "--header" -> {
                    String h = value != null ? value : next(args, ++i, a);
                    int colon = h.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("header without a colon: '" + h + "'");
                    }
                    headers.add(
                            new Header(
                                    h.substring(0, colon).trim(), h.substring(colon + 1).trim()));
                }
                case "-d",
                        "--data",
                        "--data-raw",
                        "--data-binary",
                        "--data-ascii",
                        "--data-urlencode" -> {
                    String d = value != null ? value : next(args, ++i, a);
                    data = data == null ? new StringBuilder(d) : data.append('&').append(d);
                }
                case "--json" -> {
                    String d = value != null ? value : next(args, ++i, a);
                    data = data == null ? new StringBuilder(d) : data.append(d);
                    headers.add(new Header("content-type", "application/json"));
                    headers.add(new Header("accept", "application/json"));
                }
                case "-A", "--user-agent" ->
                        headers.add(
                                new Header(
                                        "user-agent", value != null ? value : next(args, ++i, a)));
                case "-e", "--referer" ->
                        headers.add(
                                new Header("referer", value != null ? value : next(args, ++i, a)));
                case "-b", "--cookie" ->
                        headers.add(
                                new Header("cookie", value != null ? value : next(args, ++i, a)));
                case "-u", "--user" -> {
                    String u = value != null ? value : next(args, ++i, a);
                    headers.add(
                            new Header(
                                    "authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            u.getBytes(StandardCharsets.UTF_8))));
                }
                case "-I", "--head" -> head = true;
                case "--url" -> url = value != null ? value : next(args, ++i, a);
                default -> {
                    if (FLAGS_WITHOUT_VALUE.contains(a)) {
                        ignored.add(a);
                    } else if (OPTIONS_WITH_VALUE.contains(a)) {
                        ignored.add(a + " " + (value != null ? value : next(args, ++i, a)));
                    } else if (a.startsWith("-") && a.length() > 1) {
                        ignored.add(a);
                    } else if (url == null) {
                        url = a;
                    } else {
                        throw new IllegalArgumentException("more than one URL: '" + a + "'");
                    }
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("no URL in the command");
        }
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "'");
        }
        if (uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("the URL has no host: '" + url + "'");
        }
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        if (method == null) {
            method = head ? "HEAD" : data != null ? "POST" : "GET";
        }
        HttpRequest r =
                new HttpRequest(
                        method.toUpperCase(Locale.ROOT),
                        uri.getScheme().toLowerCase(Locale.ROOT),
                        uri.getRawAuthority(),
                        path,
                        Headers.of(headers),
                        List.of(),
                        null);
        if (data != null) {
            r = r.withBody(data.toString());
            if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
                r =
                        r.withHeaders(
                                Headers.of(
                                        append(
                                                headers,
                                                new Header(
                                                        "content-type",
                                                        "application/x-www-form-urlencoded"))));
            }
        }
        return new Parsed(r, List.copyOf(ignored));
    }

    private static List<Header> append(List<Header> list, Header h) {
        List<Header> out = new ArrayList<>(list);
        out.add(h);
        return out;
    }

    /** The request as a cURL command, one option per line. */
    public static String format(HttpRequest r) {
        StringBuilder sb = new StringBuilder("curl");
        boolean body = r.hasBody();
        if (!(r.method().equals("GET") && !body) && !(r.method().equals("POST") && body)) {
            sb.append(" -X ").append(r.method());
        }
        sb.append(' ').append(quote(r.scheme() + "://" + r.authority() + r.path()));
        for (Header h : r.headers()) {
            sb.append(" \\\n  -H ").append(quote(h.name() + ": " + h.value()));
        }
        if (body) {
            sb.append(" \\\n  --data-raw ")
                    .append(quote(new String(r.body(), StandardCharsets.UTF_8)));
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String next(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Splits a shell command line: single and double quotes, backslash escapes, line joins. */
    static List<String> tokens(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        String s = command.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a single quote is not closed");
                }
                cur.append(s, i + 1, end);
                i = end;
                inToken = true;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                int end = i + 2;
                StringBuilder q = new StringBuilder();
                while (end < s.length() && s.charAt(end) != '\'') {
                    char d = s.charAt(end);
                    if (d == '\\' && end + 1 < s.length()) {
                        char e = s.charAt(++end);
                        q.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                    } else {
                        q.append(d);
                    }
                    end++;
                }
                if (end >= s.length()) {
                    throw new IllegalArgumentException("a $'...' quote is not closed");
                }
                cur.append(q);
                i = end;
                inToken = true;
            } else if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"') {
                    char d = s.charAt(j);
                    if (d == '\\'
                            && j + 1 < s.length()
                            && "\"\\$`\n".indexOf(s.charAt(j + 1)) >= 0) {
                        j++;
                        if (s.charAt(j) != '\n') {
                            cur.append(s.charAt(j));
                        }
                    } else {
                        cur.append(d);
                    }
                    j++;
                }
                if (j >= s.length()) {
                    throw new IllegalArgumentException("a double quote is not closed");
                }
                i = j;
                inToken = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                if (d == '\n' || d == '\r') {
                    if (d == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    continue; // line continuation
                }
                cur.append(d);
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
