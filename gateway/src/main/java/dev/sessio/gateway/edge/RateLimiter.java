package dev.sessio.gateway.edge;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a client, an address), refilled continuously. Limits are per gateway replica;
 * buckets idle for a minute are dropped so memory stays bounded by recent clients.
 */
public final class RateLimiter {

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a limit allows at least one request per minute");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** @return 0 when allowed, else the seconds to wait before the next request is allowed */
    public long acquire(String key) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.refill(now, perMinute);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missing = 1 - bucket.tokens;
            return Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
        }
    }

    /** Drops buckets that are full again (idle clients). */
    public void evictIdle() {
        long now = clock.millis();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, perMinute);
                return e.getValue().tokens >= perMinute;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(int capacity, long now) {
            tokens = capacity;
            updatedAt = now;
        }

        void refill(long now, int perMinute) {
            if (now > updatedAt) {
                tokens = Math.min(perMinute, tokens + (now - updatedAt) * perMinute / 60_000.0);
                updatedAt = now;
            }
        }
    }
}
