package io.filterplayground.app.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.http.Headers;
import io.filterplayground.engine.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurlTest {
    @Test
    void shouldReadABrowserStyleCommand() {
        Curl.Parsed p =
                Curl.parse(
                        "curl 'https://shop.example.com/items?page=2' \\\n"
                                + "  -H 'accept: application/json' \\\n"
                                + "  -H \"x-user: o'brien\" \\\n"
                                + "  --data-raw '{\"name\":\"widget\"}' --compressed -s");
        HttpRequest r = p.request();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.scheme()).isEqualTo("https");
        assertThat(r.authority()).isEqualTo("shop.example.com");
        assertThat(r.path()).isEqualTo("/items?page=2");
        assertThat(r.headers().first("x-user")).contains("o'brien");
        assertThat(r.headers().first("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"widget\"}");
        assertThat(p.ignored()).containsExactly("--compressed", "-s");
    }

    @Test
    void shouldHonourMethodHeadAndUser() {
        assertThat(Curl.parse("curl -X DELETE example.com/x").request().method())
                .isEqualTo("DELETE");
        assertThat(Curl.parse("curl -I http://example.com").request().method()).isEqualTo("HEAD");
        assertThat(
                        Curl.parse("curl -u bob:pw http://example.com")
                                .request()
                                .headers()
                                .first("authorization"))
                .contains("Basic Ym9iOnB3");
        assertThat(Curl.parse("curl -XPUT -Hx-a:1 http://e.com/").request().headers().first("x-a"))
                .contains("1");
    }

    @Test
    void shouldRoundTripThroughFormat() {
        HttpRequest r =
                new HttpRequest(
                        "PUT",
                        "http",
                        "example.com",
                        "/a",
                        Headers.of("x-q", "it's"),
                        List.of("hi".getBytes(StandardCharsets.UTF_8)),
                        null);
        String cmd = Curl.format(r);
        assertThat(cmd).startsWith("curl -X PUT http://example.com/a").contains("'x-q: it'\\''s'");
        HttpRequest back = Curl.parse(cmd).request();
        assertThat(back.method()).isEqualTo("PUT");
        assertThat(back.headers().first("x-q")).contains("it's");
        assertThat(new String(back.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void shouldSayWhatIsWrong() {
        assertThatThrownBy(() -> Curl.parse("wget http://x"))
                .hasMessageContaining("starts with 'curl'");
        assertThatThrownBy(() -> Curl.parse("curl -H")).hasMessageContaining("-H needs a value");
        assertThatThrownBy(() -> Curl.parse("curl 'http://x")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Curl.parse("curl -s")).hasMessageContaining("no URL");
    }
}
