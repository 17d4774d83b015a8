package dev.sessio.video.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns connection intervals into what reports and billing need. A participant connected twice at once (two tabs)
 * counts once; minutes are rounded to the nearest minute.
 */
public final class UsageCalculator {

    private UsageCalculator() {
    }

    /** One connection; {@code to} is null while still connected. */
    public record Interval(String participantId, Instant from, Instant to) {
    }

    public record Usage(boolean used, Instant firstJoinAt, Instant lastLeaveAt, int minutesWithTwoOrMore,
                        Map<String, Integer> minutesByParticipant) {
    }

    /** @param until when the session is considered over: open connections end there, later time is not counted */
    public static Usage of(List<Interval> intervals, Instant until) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            Instant to = i.to() == null || i.to().isAfter(until) ? until : i.to();
            if (to.isAfter(i.from())) {
                clipped.add(new Interval(i.participantId(), i.from(), to));
            }
        }
        if (clipped.isEmpty()) {
            return new Usage(false, null, null, 0, Map.of());
        }
        Instant first = clipped.stream().map(Interval::from).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = clipped.stream().map(Interval::to).max(Comparator.naturalOrder()).orElseThrow();

        // Sweep the boundaries: how many distinct participants are connected between two consecutive instants.
        TreeMap<Instant, List<Map.Entry<String, Integer>>> changes = new TreeMap<>();
        for (Interval i : clipped) {
            changes.computeIfAbsent(i.from(), k -> new ArrayList<>()).add(Map.entry(i.participantId(), 1));
            changes.computeIfAbsent(i.to(), k -> new ArrayList<>()).add(Map.entry(i.participantId(), -1));
        }
        Map<String, Integer> openConnections = new HashMap<>();
        Map<String, Duration> present = new TreeMap<>();
        Duration together = Duration.ZERO;
        Instant previous = null;
        for (var change : changes.entrySet()) {
            Instant at = change.getKey();
            if (previous != null) {
                Duration span = Duration.between(previous, at);
                long connected = openConnections.values().stream().filter(n -> n > 0).count();
                if (connected >= 2) {
                    together = together.plus(span);
                }
                openConnections.forEach((participant, n) -> {
                    if (n > 0) {
                        present.merge(participant, span, Duration::plus);
                    }
                });
            }
            for (var delta : change.getValue()) {
                openConnections.merge(delta.getKey(), delta.getValue(), Integer::sum);
            }
            previous = at;
        }
        Map<String, Integer> minutes = new TreeMap<>();
        clipped.forEach(i -> minutes.put(i.participantId(), 0));
        present.forEach((participant, d) -> minutes.put(participant, roundedMinutes(d)));
        return new Usage(true, first, last, roundedMinutes(together), minutes);
    }

    static int roundedMinutes(Duration d) {
        return (int) ((d.toSeconds() + 30) / 60);
    }
}
