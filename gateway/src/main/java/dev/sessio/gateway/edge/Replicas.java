package dev.sessio.gateway.edge;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one upstream service, taken in turn (round-robin). A replica that cannot be connected to (refused,
 * stopped, not started yet) is skipped for the next one. Nothing is retried once a connection was obtained: a
 * request that reached a replica may have had its effect there.
 */
public final class Replicas {

    private final List<SocketAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    public Replicas(List<URI> upstreams) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one upstream");
        }
        this.addresses = upstreams.stream().map(Replicas::address).toList();
    }

    public int size() {
        return addresses.size();
    }

    /**
     * A request to the next replica that accepts a connection. {@code options} (without a server) are copied for
     * each replica tried; the wait for a pooled connection of each attempt is what is left until {@code deadline}
     * ({@link System#nanoTime()}), so a busy replica's queue is not waited for twice.
     */
    public Future<HttpClientRequest> request(HttpClient client, RequestOptions options, long deadline) {
        return attempt(client, options, Math.floorMod(next.getAndIncrement(), addresses.size()), 0, deadline);
    }

    private Future<HttpClientRequest> attempt(HttpClient client, RequestOptions options, int first, int tried,
                                              long deadline) {
        SocketAddress address = addresses.get((first + tried) % addresses.size());
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        return client.request(new RequestOptions(options).setServer(address).setConnectTimeout(left))
                .recover(failure -> tried + 1 < addresses.size() && notConnected(failure) && System.nanoTime() < deadline
                        ? attempt(client, options, first, tried + 1, deadline)
                        : Future.failedFuture(failure));
    }

    /** No connection was made (refused, unreachable, connect timeout): the request has not left the gateway. */
    static boolean notConnected(Throwable failure) {
        return failure instanceof ConnectException;
    }

    private static SocketAddress address(URI upstream) {
        return SocketAddress.inetSocketAddress(upstream.getPort() > 0 ? upstream.getPort() : 80, upstream.getHost());
    }
}
