package dev.sessio.video.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Periodic work: rooms the provider could not create yet, sessions that ended, recordings past retention. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final RoomProvisioner provisioner;
    private final UsageReports usage;
    private final Recordings recordings;

    public Housekeeping(RoomProvisioner provisioner, UsageReports usage, Recordings recordings) {
        this.provisioner = provisioner;
        this.usage = usage;
        this.recordings = recordings;
    }

    @Scheduled(every = "${video.housekeeping-every}", delayed = "${video.housekeeping-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        step("pending rooms", provisioner::retryPending);
        step("ended sessions", usage::recordEndedSessions);
        step("recording retention", recordings::deleteExpired);
    }

    private static void step(String what, java.util.function.IntSupplier work) {
        try {
            work.getAsInt();
        } catch (RuntimeException e) {
            LOG.warnf("housekeeping (%s) failed, next run retries: %s", what, e.getMessage());
        }
    }
}
