package dev.sessio.systemtests.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Latency samples (milliseconds) and error counts per label, with the percentiles the report shows. */
final class Latencies {

    private final Map<String, ConcurrentLinkedQueue<Double>> samples = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    void add(String label, double millis) {
        samples.computeIfAbsent(label, l -> new ConcurrentLinkedQueue<>()).add(millis);
        long now = System.nanoTime();
        windows.compute(label, (l, w) -> w == null ? new long[] {now, now} : new long[] {Math.min(w[0], now), Math.max(w[1], now)});
    }

    void error(String label) {
        errors.computeIfAbsent(label, l -> new LongAdder()).increment();
    }

    long errors(String label) {
        LongAdder adder = errors.get(label);
        return adder == null ? 0 : adder.sum();
    }

    /** count, errors, median, p95, p99, max, mean, and the achieved rate over the seconds the label was measured. */
    Map<String, Object> summary(String label, double seconds) {
        return summarise(new ArrayList<>(samples.getOrDefault(label, new ConcurrentLinkedQueue<>())), errors(label), seconds);
    }

    static Map<String, Object> summarise(List<Double> values, long errorCount, double seconds) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", sorted.size());
        out.put("errors", errorCount);
        if (seconds > 0) {
            out.put("perSecond", round(sorted.size() / seconds));
        }
        if (!sorted.isEmpty()) {
            out.put("p50", round(percentile(sorted, 50)));
            out.put("p95", round(percentile(sorted, 95)));
            out.put("p99", round(percentile(sorted, 99)));
            out.put("max", round(sorted.getLast()));
            out.put("mean", round(sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        }
        return out;
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
