package io.filterplayground.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** A real upstream's body is taken whole up to a limit, and refused beyond it. */
class BoundedBodyTest {
    @Test
    void shouldTakeABodyUpToTheLimit() throws IOException {
        assertThat(HttpCluster.boundedBody(ResponseBody.create(new byte[] {1, 2, 3}, null)))
                .containsExactly(1, 2, 3);
        assertThat(HttpCluster.boundedBody(null)).isEmpty();
    }

    @Test
    void shouldRefuseAnAnnouncedLengthBeyondTheLimitWithoutReadingIt() {
        ResponseBody claimed =
                ResponseBody.create(new Buffer().writeUtf8("x"), null, HttpCluster.MAX_BODY + 1L);
        assertThatThrownBy(() -> HttpCluster.boundedBody(claimed))
                .isInstanceOf(IOException.class)
                .hasMessage("the response body is larger than 64 MiB");
    }

    @Test
    void shouldRefuseABodyThatKeepsComing() {
        // No length announced (chunked): the limit holds while reading.
        ResponseBody endless =
                ResponseBody.create(
                        new Buffer().write(new byte[HttpCluster.MAX_BODY + 1]), null, -1);
        assertThatThrownBy(() -> HttpCluster.boundedBody(endless))
                .hasMessage("the response body is larger than 64 MiB");
    }
}
