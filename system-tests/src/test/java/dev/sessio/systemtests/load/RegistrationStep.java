package dev.sessio.systemtests.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One step of registrations at a fixed arrival rate: what the clients saw (POST → status CONFIRMED observed by
 * polling), the outcomes, and the registration ids whose exact saga time is read from the database afterwards.
 */
final class RegistrationStep {

    final String name;
    final int ratePerSecond;
    final int seconds;
    final boolean reported;
    final ConcurrentLinkedQueue<UUID> registrations = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Double> clientMillis = new ConcurrentLinkedQueue<>();
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final LongAdder pollErrors = new LongAdder();
    final LongAdder polls = new LongAdder();
    /** The POST's own answer: its status codes and how long it took (the wait for the decision included). */
    final Map<Integer, LongAdder> postStatuses = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Double> postMillis = new ConcurrentLinkedQueue<>();
    private final AtomicLong firstPost = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
    volatile double loadAverageAtStart = -1;
    volatile double loadAverageAtEnd = -1;

    RegistrationStep(String name, int ratePerSecond, int seconds, boolean reported) {
        this.name = name;
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
        this.reported = reported;
    }

    void posted(long nanos) {
        if (firstPost.getAndAccumulate(nanos, Math::min) == Long.MAX_VALUE) {
            loadAverageAtStart = LoadEnvironment.loadAverage();
        }
    }

    void done(long startNanos, long endNanos, String outcome, String registrationId) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        lastDone.accumulateAndGet(endNanos, Math::max);
        loadAverageAtEnd = LoadEnvironment.loadAverage();
        if (registrationId != null) {
            registrations.add(UUID.fromString(registrationId));
        }
        if ("CONFIRMED".equals(outcome)) {
            clientMillis.add((endNanos - startNanos) / 1_000_000.0);
        }
    }

    void postAnswered(int status, int millis) {
        postStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (millis >= 0) {
            postMillis.add((double) millis);
        }
    }

    long outcome(String outcome) {
        LongAdder adder = outcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    long attempts() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Seconds from the first POST to the last registration seen decided. */
    double windowSeconds() {
        long first = firstPost.get();
        long last = lastDone.get();
        return first == Long.MAX_VALUE || last == Long.MIN_VALUE ? 0 : (last - first) / 1e9;
    }

    Map<String, Object> summary(List<Double> exactMillis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offeredPerSecond", ratePerSecond);
        out.put("seconds", seconds);
        out.put("attempts", attempts());
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> byOutcome.put(k, v.sum()));
        out.put("outcomes", byOutcome);
        long confirmed = outcome("CONFIRMED");
        out.put("errors", attempts() - confirmed);
        Map<String, Long> posts = new LinkedHashMap<>();
        postStatuses.forEach((k, v) -> posts.put(String.valueOf(k), v.sum()));
        out.put("postStatuses", posts);
        out.put("postAnswerMillis", Latencies.summarise(new ArrayList<>(postMillis), 0, 0));
        out.put("pollRequests", polls.sum());
        out.put("pollErrors", pollErrors.sum());
        double window = windowSeconds();
        out.put("windowSeconds", Latencies.round(window));
        out.put("confirmedPerSecond", window > 0 ? Latencies.round(confirmed / window) : 0);
        out.put("clientObservedMillis", Latencies.summarise(new ArrayList<>(clientMillis), 0, 0));
        out.put("exactDatabaseMillis", Latencies.summarise(exactMillis, 0, 0));
        out.put("loadAverage", List.of(loadAverageAtStart, loadAverageAtEnd));
        return out;
    }
}
