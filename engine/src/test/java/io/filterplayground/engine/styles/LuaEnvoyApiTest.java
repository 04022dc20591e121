package io.filterplayground.engine.styles;

import static io.filterplayground.engine.styles.Scenarios.hostcalls;
import static io.filterplayground.engine.styles.Scenarios.lua;
import static io.filterplayground.engine.styles.Scenarios.of;
import static io.filterplayground.engine.styles.Scenarios.only;
import static io.filterplayground.engine.styles.Scenarios.run;
import static io.filterplayground.engine.styles.Scenarios.upstream;
import static io.filterplayground.engine.styles.Scenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.filterplayground.engine.Exchange;
import io.filterplayground.engine.RunResult;
import io.filterplayground.engine.trace.HostCallEvent;
import io.filterplayground.engine.trace.TrapEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The rest of Envoy's Lua API, through the real engine: route and virtual host metadata, the filter
 * context, the connection's stream info, the route cache, more of the stream info, and the crypto
 * helpers.
 */
class LuaEnvoyApiTest {

    /** {@code script} as the only filter ({@code lua}) with {@code top} as more scenario keys. */
    private static Exchange one(String top, String config, String script) {
        String filter = config == null ? lua("lua", script) : lua("lua", config, script);
        return only(run(yaml(filter, "- name: get\n").replace("workers: 1", "workers: 1\n" + top)));
    }

    @Test
    void shouldReadRouteAndVirtualHostMetadataFromTheScenarioProperties() {
        Exchange x =
                one(
                        """
                        properties:
                          xds.route_metadata:
                            filter_metadata:
                              lua: {owner: team-a, limits: {rps: 5}}
                              other: {owner: someone-else}
                          xds.virtual_host_metadata:
                            filter_metadata:
                              lua: {tier: gold}
                        """,
                        null,
                        """
                        function envoy_on_request(handle)
                          local h = handle:headers()
                          local route = handle:route():metadata()
                          h:add("x-owner", route:get("owner"))
                          h:add("x-rps", tostring(route:get("limits").rps))
                          h:add("x-same", handle:metadata():get("owner"))
                          h:add("x-tier", handle:virtualHost():metadata():get("tier"))
                          h:add("x-none", tostring(handle:virtualHost():metadata():get("owner")))
                          local keys = {}
                          for k, v in pairs(route) do keys[#keys + 1] = k end
                          table.sort(keys)
                          h:add("x-keys", table.concat(keys, ","))
                        end
                        """);
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-owner")).isEqualTo("team-a");
        assertThat(upstream(x, "x-rps")).isEqualTo("5");
        assertThat(upstream(x, "x-same")).isEqualTo("team-a");
        assertThat(upstream(x, "x-tier")).isEqualTo("gold");
        assertThat(upstream(x, "x-none")).isEqualTo("nil");
        assertThat(upstream(x, "x-keys")).isEqualTo("limits,owner");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name)
                .contains("route", "route:metadata", "virtualHost", "virtualHost:metadata");
    }

    @Test
    void shouldTakeTheRouteMetadataFromTheFiltersOwnConfigFirst() {
        Exchange x =
                one(
                        """
                        properties:
                          xds.route_metadata: {filter_metadata: {lua: {owner: from-properties}}}
                        """,
                        "metadata: {owner: from-config}",
                        """
                        function envoy_on_request(handle)
                          handle:headers():add("x-route", handle:route():metadata():get("owner"))
                          handle:headers():add("x-handle", handle:metadata():get("owner"))
                        end
                        """);
        assertThat(upstream(x, "x-route")).isEqualTo("from-config");
        assertThat(upstream(x, "x-handle")).isEqualTo("from-config");
    }

    @Test
    void shouldReadTheFilterContext() {
        Exchange x =
                one(
                        "",
                        "filter_context: {greeting: hello, retries: 3}",
                        """
                        function envoy_on_request(handle)
                          local ctx = handle:filterContext()
                          handle:headers():add("x-greeting", ctx:get("greeting"))
                          handle:headers():add("x-retries", tostring(ctx:get("retries")))
                          handle:headers():add("x-missing", tostring(ctx:get("missing")))
                        end
                        """);
        assertThat(upstream(x, "x-greeting")).isEqualTo("hello");
        assertThat(upstream(x, "x-retries")).isEqualTo("3");
        assertThat(upstream(x, "x-missing")).isEqualTo("nil");
    }

    @Test
    void shouldOfferAnEmptyFilterContextWithoutOne() {
        Exchange x =
                one(
                        "",
                        null,
                        """
                        function envoy_on_request(handle)
                          local n = 0
                          for k, v in pairs(handle:filterContext()) do n = n + 1 end
                          handle:headers():add("x-count", tostring(n))
                        end
                        """);
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-count")).isEqualTo("0");
    }

    @Test
    void shouldOfferTheConnectionStreamInfoAndClearTheRouteCache() {
        Exchange x =
                one(
                        "",
                        null,
                        """
                        function envoy_on_request(handle)
                          local md = handle:connectionStreamInfo():dynamicMetadata()
                          local n = 0
                          for k, v in pairs(md) do n = n + 1 end
                          handle:headers():add("x-connection", tostring(md:get("envoy.filters.network.rbac")) .. " " .. n)
                          handle:clearRouteCache()
                          handle:headers():add("x-cleared", "yes")
                        end
                        """);
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-connection")).isEqualTo("nil 0");
        assertThat(upstream(x, "x-cleared")).isEqualTo("yes");
        assertThat(hostcalls(x, "lua"))
                .extracting(HostCallEvent::name)
                .contains(
                        "connectionStreamInfo",
                        "connectionStreamInfo:dynamicMetadata",
                        "clearRouteCache");
    }

    @Test
    void shouldAnswerTheRestOfTheStreamInfo() {
        Exchange x =
                one(
                        "",
                        null,
                        """
                        function envoy_on_request(handle)
                          local info = handle:streamInfo()
                          local h = handle:headers()
                          h:add("x-sni", "[" .. info:requestedServerName() .. "]")
                          h:add("x-vcluster", "[" .. info:virtualClusterName() .. "]")
                          h:add("x-direct", tostring(info:downstreamDirectLocalAddress() == info:downstreamLocalAddress()))
                          h:add("x-state", tostring(info:filterState():get("wasm.key")))
                        end
                        """);
        assertThat(of(x.events(), TrapEvent.class)).isEmpty();
        assertThat(upstream(x, "x-sni")).isEqualTo("[]");
        assertThat(upstream(x, "x-vcluster")).isEqualTo("[]");
        assertThat(upstream(x, "x-direct")).isEqualTo("true");
        assertThat(upstream(x, "x-state")).isEqualTo("nil");
    }

    @Test
    void shouldDecodeBase64OrAnswerNil() {
        Exchange x =
                one(
                        "",
                        null,
                        """
                        function envoy_on_request(handle)
                          handle:headers():add("x-decoded", handle:base64Decode("aGVsbG8="))
                          handle:headers():add("x-unpadded", handle:base64Decode("aGVsbG8"))
                          handle:headers():add("x-bad", tostring(handle:base64Decode("!!!")))
                        end
                        """);
        assertThat(upstream(x, "x-decoded")).isEqualTo("hello");
        assertThat(upstream(x, "x-unpadded")).isEqualTo("hello");
        assertThat(upstream(x, "x-bad")).isEqualTo("nil");
    }

    /** Checks a signature over "hello" made with {@code keys}, as Envoy's docs example does. */
    private static final String VERIFY =
            """
            local function fromhex(s)
              return (s:gsub("..", function(cc) return string.char(tonumber(cc, 16)) end))
            end
            function envoy_on_request(handle)
              local h = handle:headers()
              local der = fromhex(h:get("x-key"))
              local sig = fromhex(h:get("x-sig"))
              local key = handle:importPublicKey(der, string.len(der)):get()
              if key == nil then
                h:add("x-result", "no key")
                return
              end
              local ok, err = handle:verifySignature("sha256", key, sig, string.len(sig), "hello", 5)
              h:add("x-result", tostring(ok) .. " " .. tostring(err))
              ok, err = handle:verifySignature("SHA256", key, sig, string.len(sig), "hellx", 5)
              h:add("x-tampered", tostring(ok) .. " " .. tostring(err))
              ok, err = handle:verifySignature("md5", key, sig, string.len(sig), "hello", 5)
              h:add("x-md5", tostring(ok) .. " " .. tostring(err))
              local again = handle:importPublicKey("not a key", 9):get()
              h:add("x-again", tostring(again == key))
              local fine, why = pcall(handle.verifySignature, handle, "sha256", "unknown", sig, #sig, "hello", 5)
              h:add("x-unknown", why)
            end
            """;

    private static String request(String name, byte[] key, byte[] signature) {
        HexFormat hex = HexFormat.of();
        return "- name: "
                + name
                + "\n  headers: {x-key: \""
                + hex.formatHex(key)
                + "\", x-sig: \""
                + hex.formatHex(signature)
                + "\"}\n";
    }

    private static byte[] sign(String algorithm, KeyPair keys) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(keys.getPrivate());
        s.update("hello".getBytes(StandardCharsets.UTF_8));
        return s.sign();
    }

    @Test
    void shouldVerifySignaturesAsEnvoyDoes() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecKeys = ec.generateKeyPair();
        RunResult r =
                run(
                        yaml(
                                lua("lua", VERIFY),
                                request(
                                                "rsa",
                                                rsaKeys.getPublic().getEncoded(),
                                                sign("SHA256withRSA", rsaKeys))
                                        + request(
                                                "ec",
                                                ecKeys.getPublic().getEncoded(),
                                                sign("SHA256withECDSA", ecKeys))
                                        + request(
                                                "garbage",
                                                "not DER".getBytes(StandardCharsets.UTF_8),
                                                new byte[] {1})));
        for (Exchange x : r.exchanges().subList(0, 2)) {
            assertThat(of(x.events(), TrapEvent.class)).isEmpty();
            assertThat(upstream(x, "x-result")).isEqualTo("true nil");
            assertThat(upstream(x, "x-tampered"))
                    .isEqualTo("false Failed to verify digest. Error code: 0");
            assertThat(upstream(x, "x-md5")).isEqualTo("false md5 is not supported.");
            // As in Envoy, one key object per segment: a second import returns the first.
            assertThat(upstream(x, "x-again")).isEqualTo("true");
            assertThat(upstream(x, "x-unknown")).endsWith("invalid public key");
        }
        assertThat(upstream(r.exchanges().get(2), "x-result")).isEqualTo("no key");
        assertThat(hostcalls(r.exchanges().get(0), "lua"))
                .extracting(HostCallEvent::name)
                .contains("importPublicKey", "publicKey:get", "verifySignature");
    }
}
