package dev.sessio.systemtests.faults;

import io.restassured.response.Response;

import java.time.Duration;
import java.util.function.Supplier;

/** A client that does what the API asks of clients in trouble: retry with the same Idempotency-Key. */
final class Retry {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    private Retry() {
    }

    /** Sends until the answer is the expected status; fails on any other client error. */
    static Response http(Supplier<Response> request, int... expectedStatuses) {
        Response response = send(request);
        if (java.util.Arrays.stream(expectedStatuses).noneMatch(s -> s == response.statusCode())) {
            throw new AssertionError("expected " + java.util.Arrays.toString(expectedStatuses) + ", got "
                    + response.statusCode() + ": " + response.asString());
        }
        return response;
    }

    /**
     * Sends until the answer is not a server error and the connection holds; returns that answer.
     *
     * @param request must carry the same Idempotency-Key on every call
     */
    static Response send(Supplier<Response> request) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Response response = request.get();
                if (response.statusCode() < 500) {
                    return response;
                }
                last = new IllegalStateException(response.statusCode() + ": " + response.asString());
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(500);
        }
        throw new AssertionError("no answer other than a server error within " + PATIENCE, last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
