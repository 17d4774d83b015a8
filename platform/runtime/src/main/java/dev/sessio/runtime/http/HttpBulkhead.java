package dev.sessio.runtime.http;

import dev.sessio.runtime.config.PlatformConfig;
import dev.sessio.runtime.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side's share of the connection pool: at most {@code pool size − sessio.http.reserved-connections}
 * resource methods run at once; the others wait their turn (on their virtual thread: no platform thread held) for
 * at most {@code sessio.http.admission-wait}, then get {@code 503} with {@code Retry-After}. A method returning a
 * {@code Uni} gives its permit back when it returns, before the asynchronous wait it may start. Consumers and the
 * outbox relay never pass here, so the reserve is theirs.
 */
@Bulkheaded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 50)
public class HttpBulkhead {

    private final Semaphore permits;
    private final PlatformConfig config;

    @Inject
    public HttpBulkhead(PlatformConfig config,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int poolSize,
                        MeterRegistry registry) {
        this.config = config;
        int share = Math.max(1, poolSize - config.http().reservedConnections());
        this.permits = new Semaphore(share, true);
        registry.gauge("sessio.http.bulkhead.available", permits, Semaphore::availablePermits);
        registry.gauge("sessio.http.bulkhead.queued", permits, Semaphore::getQueueLength);
    }

    @AroundInvoke
    Object admit(InvocationContext invocation) throws Exception {
        if (!permits.tryAcquire(config.http().admissionWait().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ProblemException(503, "overloaded", "Service busy",
                    "Too many requests at once; try again shortly").withHeader("Retry-After", "1");
        }
        try {
            return invocation.proceed();
        } finally {
            permits.release();
        }
    }
}
