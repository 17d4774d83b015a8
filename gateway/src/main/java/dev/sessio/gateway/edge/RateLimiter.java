package dev.sessio.gateway.edge;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a client, an address, a join code and an address), holding up to {@code burst} requests
 * and refilled continuously at {@code perMinute}. Limits are per gateway replica; buckets full again (idle keys) are
 * dropped so memory stays bounded by recent clients.
 */
public final class RateLimiter {

    private final int burst;
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        this(perMinute, perMinute, clock);
    }

    public RateLimiter(int burst, int perMinute, Clock clock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("a limit allows at least one request per minute and a burst of one");
        }
        this.burst = burst;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one request from the key's bucket when there is one. */
    public Decision acquire(String key) {
        return update(key, true);
    }

    /** Whether the key's bucket has a request left, without taking it. */
    public Decision peek(String key) {
        return update(key, false);
    }

    /** Takes one request whatever is left (never below empty): counts something that already happened. */
    public void record(String key) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, burst, perMinute);
            bucket.tokens = Math.max(0, bucket.tokens - 1);
        }
    }

    private Decision update(String key, boolean take) {
        long now = clock.millis();
        Bucket bucket = take ? buckets.computeIfAbsent(key, k -> new Bucket(burst, now)) : buckets.get(key);
        if (bucket == null) {
            return new Decision(true, burst, burst, 0, 0);
        }
        synchronized (bucket) {
            bucket.refill(now, burst, perMinute);
            boolean allowed = bucket.tokens >= 1;
            if (allowed && take) {
                bucket.tokens -= 1;
            }
            long retryAfter = allowed ? 0 : secondsFor(1 - bucket.tokens);
            return new Decision(allowed, burst, (int) Math.floor(bucket.tokens), secondsFor(burst - bucket.tokens),
                    retryAfter);
        }
    }

    private long secondsFor(double missing) {
        return missing <= 0 ? 0 : Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
    }

    /** Drops buckets that are full again (idle clients). */
    public void evictIdle() {
        long now = clock.millis();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, burst, perMinute);
                return e.getValue().tokens >= burst;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    /**
     * One answer of the limiter, as the IETF RateLimit header fields draft reads it: {@code limit} requests at once
     * at most, {@code remaining} of them left, {@code resetSeconds} until the bucket is full again, and
     * {@code retryAfterSeconds} until the next request is allowed (0 when it is).
     */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(int capacity, long now) {
            tokens = capacity;
            updatedAt = now;
        }

        void refill(long now, int burst, int perMinute) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * perMinute / 60_000.0);
                updatedAt = now;
            }
        }
    }
}
