package io.filterplayground.engine.scenario.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Envoy's {@code type.v3.StatusCode} names of the codes a filter answers with. */
final class HttpStatusCodes {
    private static final Map<String, Integer> NAMES =
            Map.ofEntries(
                    Map.entry("OK", 200),
                    Map.entry("BadRequest", 400),
                    Map.entry("Unauthorized", 401),
                    Map.entry("Forbidden", 403),
                    Map.entry("NotFound", 404),
                    Map.entry("TooManyRequests", 429),
                    Map.entry("InternalServerError", 500),
                    Map.entry("BadGateway", 502),
                    Map.entry("ServiceUnavailable", 503),
                    Map.entry("GatewayTimeout", 504));

    private HttpStatusCodes() {}

    /** The code as a number (JSON allows an enum's number or its name). */
    static int number(JsonNode code) throws NotRunnable {
        if (code.canConvertToInt() && !code.isTextual()) {
            return code.asInt();
        }
        String t = code.asText();
        if (t.matches("\\d{3}")) {
            return Integer.parseInt(t);
        }
        Integer n = NAMES.get(t);
        if (n == null) {
            throw new NotRunnable("status " + t + " is not one the playground knows by name");
        }
        return n;
    }
}
