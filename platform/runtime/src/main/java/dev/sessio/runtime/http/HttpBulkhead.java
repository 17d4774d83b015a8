package dev.sessio.runtime.http;

import dev.sessio.runtime.config.PlatformConfig;
import dev.sessio.runtime.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side's share of the connection pool: at most {@code pool size − sessio.http.reserved-connections}
 * resource methods run at once; the others wait their turn (on their virtual thread: no platform thread held) for
 * at most {@code sessio.http.admission-wait}, then get {@code 503} with {@code Retry-After}. A method returning a
 * {@code Uni} gives its permit back when it returns, before the asynchronous wait it may start. Consumers and the
 * outbox relay never pass here, so the reserve is theirs. One per service ({@link BulkheadInterceptor} uses it).
 */
@ApplicationScoped
public class HttpBulkhead {

    private final Semaphore permits;
    private final PlatformConfig config;

    public HttpBulkhead(PlatformConfig config,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "50") int poolSize,
                        MeterRegistry registry) {
        this.config = config;
        this.permits = new Semaphore(Math.max(1, poolSize - config.http().reservedConnections()), true);
        registry.gauge("sessio.http.bulkhead.available", permits, Semaphore::availablePermits);
        registry.gauge("sessio.http.bulkhead.queued", permits, Semaphore::getQueueLength);
    }

    public <T> T admitted(Callable<T> work) throws Exception {
        if (!permits.tryAcquire(config.http().admissionWait().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ProblemException(503, "overloaded", "Service busy",
                    "Too many requests at once; try again shortly").withHeader("Retry-After", "1");
        }
        try {
            return work.call();
        } finally {
            permits.release();
        }
    }

    /** Permits free now (tests, metrics). */
    public int available() {
        return permits.availablePermits();
    }
}
