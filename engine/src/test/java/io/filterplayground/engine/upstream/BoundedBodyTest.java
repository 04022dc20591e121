package io.filterplayground.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filterplayground.engine.runtime.Activity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * A real upstream's body is taken whole up to a limit, and refused beyond it; a real TCP server may
 * send as much on one connection before the connection is closed.
 */
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

    @Test
    void shouldCloseATcpConnectionWhoseServerSendsMoreThanTheLimit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread flood =
                    new Thread(
                            () -> {
                                try (Socket s = server.accept();
                                        OutputStream out = s.getOutputStream()) {
                                    byte[] chunk = new byte[1 << 20];
                                    for (long sent = 0; sent <= RealTcpCluster.MAX_BYTES; ) {
                                        out.write(chunk);
                                        sent += chunk.length;
                                    }
                                } catch (IOException e) {
                                    // The client closed the connection: what the test expects.
                                }
                            });
            flood.start();
            AtomicLong received = new AtomicLong();
            CountDownLatch closed = new CountDownLatch(1);
            Activity activity = new Activity();
            RealTcpCluster cluster =
                    new RealTcpCluster(
                            "flood", "127.0.0.1", server.getLocalPort(), activity, 5000, 100);
            TcpUpstream upstream =
                    cluster.connect(
                            Runnable::run,
                            new TcpUpstream.Listener() {
                                @Override
                                public void onConnected(String host, int port) {}

                                @Override
                                public void onData(byte[] data, boolean endStream) {
                                    received.addAndGet(data.length);
                                }

                                @Override
                                public void onClosed() {
                                    closed.countDown();
                                }

                                @Override
                                public void onConnectFailure(String why) {
                                    closed.countDown();
                                }
                            });
            assertThat(closed.await(30, TimeUnit.SECONDS)).as("closed at the limit").isTrue();
            assertThat(received.get()).isPositive().isLessThanOrEqualTo(RealTcpCluster.MAX_BYTES);
            upstream.close();
            flood.join(5000);
        }
    }
}
