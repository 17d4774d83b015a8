package dev.sessio.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over {@code gateway.max-body-bytes} (1024 in the test config) from a client that writes it all before
 * reading, as most HTTP libraries do, on a plain socket: it reads the 413 problem, not a reset.
 */
@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class OversizedBodyTest {

    @Test
    void aClientSendingItsWholeBodyFirstReadsThe413Problem() throws IOException {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(body.length));
            out.write(body);
            out.flush();
            String answer = readToEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
            assertThat(answer).contains("\"type\":\"https://sessio.dev/problems/payload-too-large\"");
        }
    }

    @Test
    void aClientThatNeverSendsTheRestIsAnsweredAndHungUpOn() throws IOException {
        // 50 MB declared (past Quarkus's own 10 MB limit too), 64 KB sent: the answer comes, and the connection is
        // closed once the drain time (2 s in the test config) is over, without waiting for the rest.
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(50_000_000));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = readToEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("\"type\":\"https://sessio.dev/problems/payload-too-large\"");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static byte[] head(long length) {
        return ("POST /api/accounts/signup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads until the gateway closes the connection (a reset fails the test with an exception). */
    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.transferTo(received);
        return received.toString(StandardCharsets.UTF_8);
    }
}
