package dev.sessio.runtime;

import dev.sessio.runtime.http.HttpBulkhead;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTP work never takes more than pool size − reserve connections' worth of concurrency: the rest is kept. */
@QuarkusTest
class HttpBulkheadTest {

    @Inject
    HttpBulkhead bulkhead;

    @Test
    void atMostThePoolMinusTheReserveRunAtOnceAndLateComersGetA503WithRetryAfter() throws Exception {
        int share = bulkhead.available();
        int pool = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        assertThat(share).as("the pool minus the 6 reserved").isEqualTo(pool - 6);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> held = new ArrayList<>();
            for (int i = 0; i < share + 6; i++) {
                held.add(clients.submit(() -> bulkhead.admitted(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await(10, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return 1;
                })));
            }
            // The six beyond the share wait 1 s (sessio.http.admission-wait in tests), then are refused.
            int refused = 0;
            for (int i = share; i < held.size(); i++) {
                Future<Integer> late = held.get(i);
                try {
                    late.get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProblemException.class);
                    ProblemException problem = (ProblemException) e.getCause();
                    assertThat(problem.status()).isEqualTo(503);
                    assertThat(problem.headers()).containsEntry("Retry-After", "1");
                    refused++;
                }
            }
            release.countDown();
            for (int i = 0; i < share; i++) {
                assertThat(held.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(refused).isEqualTo(6);
        }
        assertThat(most.get()).isEqualTo(share);
        assertThat(bulkhead.available()).isEqualTo(share);
        assertThatThrownBy(() -> bulkhead.admitted(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(bulkhead.available()).as("a failing method gives its permit back").isEqualTo(share);
    }
}
