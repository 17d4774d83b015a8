package dev.sessio.accounts.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sliding-window counters in PostgreSQL, so every replica counts the same requests. A hit is recorded in its own
 * transaction: a refused or failed request still counts, which is the point.
 */
@ApplicationScoped
public class RateLimiter {

    private final EntityManager em;
    private final Clock clock;

    public RateLimiter(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** @return false when {@code bucket} already had {@code limit} hits within {@code window} */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean tryAcquire(String bucket, int limit, Duration window) {
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        OffsetDateTime since = now.minus(window);
        // Serialises hits on one bucket, so concurrent requests cannot all slip under the limit.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, bucket).getSingleResult();
        em.createNativeQuery("DELETE FROM rate_limit_hit WHERE bucket = ?1 AND hit_at < ?2")
                .setParameter(1, bucket).setParameter(2, since).executeUpdate();
        long hits = ((Number) em.createNativeQuery("SELECT count(*) FROM rate_limit_hit WHERE bucket = ?1")
                .setParameter(1, bucket).getSingleResult()).longValue();
        if (hits >= limit) {
            return false;
        }
        em.createNativeQuery("INSERT INTO rate_limit_hit (bucket, hit_at) VALUES (?1, ?2)")
                .setParameter(1, bucket).setParameter(2, now).executeUpdate();
        return true;
    }
}
