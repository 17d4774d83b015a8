package dev.sessio.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits on join links. A link is shared by a whole school, often behind one public address, so the limit is per
 * code and address with a burst that fits a school. Guessing codes is held back by counting lookups the service
 * answered 404 per address, not all lookups. An address out of failures may still use a code it already opened
 * successfully: a teacher's typos do not lock the rest of the school out of its webinar.
 */
public final class JoinLimits {

    private static final long KNOWN_FOR_MILLIS = Duration.ofMinutes(30).toMillis();

    private final List<OperationPattern> operations;
    private final RateLimiter perCodeAndAddress;
    private final RateLimiter failedLookups;
    private final Clock clock;
    /** "address code" → when the code last answered 2xx to that address. */
    private final ConcurrentHashMap<String, Long> knownCodes = new ConcurrentHashMap<>();

    public JoinLimits(List<OperationPattern> operations, int burst, int perMinute, int failures,
                      int failuresPerMinute, Clock clock) {
        this.operations = operations;
        this.perCodeAndAddress = new RateLimiter(burst, perMinute, clock);
        this.failedLookups = new RateLimiter(failures, failuresPerMinute, clock);
        this.clock = clock;
    }

    /** The join code when this is a join operation, else null. */
    public String code(String method, String path) {
        for (OperationPattern operation : operations) {
            String code = operation.wildcards(method, path);
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    public RateLimiter.Decision admit(String address, String code) {
        String pair = address + " " + code;
        RateLimiter.Decision failures = failedLookups.peek(address);
        if (!failures.allowed() && !knownCodes.containsKey(pair)) {
            return failures;
        }
        return perCodeAndAddress.acquire(pair);
    }

    /** What the service answered: a 404 counts as a failed lookup, a success makes the code known. */
    public void answered(String address, String code, int status) {
        if (status == 404) {
            failedLookups.record(address);
        } else if (status >= 200 && status < 300) {
            knownCodes.put(address + " " + code, clock.millis());
        }
    }

    public void evictIdle() {
        perCodeAndAddress.evictIdle();
        failedLookups.evictIdle();
        long now = clock.millis();
        knownCodes.values().removeIf(at -> now - at > KNOWN_FOR_MILLIS);
    }
}
