package dev.sessio.video.domain;

import dev.sessio.events.sessions.RegistrationCancelled;
import dev.sessio.events.sessions.RegistrationConfirmed;
import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.video.config.VideoConfig;
import dev.sessio.video.infra.VideoProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Schools' join links: issued per confirmed registration, shared inside the school, dead once cancelled. */
@ApplicationScoped
public class JoinLinks {

    private static final Logger LOG = Logger.getLogger(JoinLinks.class);

    private final Outbox outbox;
    private final RoomAccess access;
    private final VideoConfig config;
    private final Clock clock;

    public JoinLinks(Outbox outbox, RoomAccess access, VideoConfig config, Clock clock) {
        this.outbox = outbox;
        this.access = access;
        this.config = config;
        this.clock = clock;
    }

    /** One link per registration, however often the confirmation arrives. */
    @Transactional
    public void issue(RegistrationConfirmed confirmed) {
        if (JoinLink.findByIdOptional(confirmed.registrationId()).isPresent()) {
            LOG.debugf("join link of registration %s already issued", confirmed.registrationId());
            return;
        }
        JoinLink link = new JoinLink();
        link.registrationId = confirmed.registrationId();
        link.code = JoinLink.newCode();
        link.sessionId = confirmed.sessionId();
        link.organisationId = confirmed.organisationId();
        link.sessionTitle = confirmed.sessionTitle();
        link.sessionStartsAt = confirmed.sessionStartsAt();
        link.durationMinutes = confirmed.durationMinutes();
        link.issuedAt = Instant.now(clock);
        link.persist();
        outbox.record(new JoinLinkIssued(link.registrationId, link.sessionId, link.organisationId, joinUrl(link.code)),
                link.sessionId, "session/" + link.sessionId);
    }

    @Transactional
    public void cancel(RegistrationCancelled cancelled) {
        JoinLink.<JoinLink>findByIdOptional(cancelled.registrationId()).ifPresent(link -> {
            if (link.cancelledAt == null) {
                link.cancelledAt = Instant.now(clock);
            }
        });
    }

    public String joinUrl(String code) {
        String base = config.join().baseUrl();
        return base.endsWith("/") ? base + code : base + "/" + code;
    }

    /** What the join page shows before anyone joins. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public JoinPage describe(String code) {
        JoinLink link = usable(code);
        Room room = Room.bySession(link.sessionId).orElse(null);
        SessionWindow window = window(link, room);
        String state = room != null && room.status == Room.Status.CLOSED ? "CANCELLED"
                : window.at(Instant.now(clock)).name();
        return new JoinPage(link.sessionId, room != null ? room.title : link.sessionTitle, window.startsAt(),
                window.endsAt(), window.opensAt(), window.closesAt(), state);
    }

    /** Records the attendance and gives the front end what it needs to join as a publisher. */
    @Transactional
    public ClientAccess join(String code, String displayName) {
        JoinLink link = usable(code);
        Room room = Room.bySession(link.sessionId).orElse(null);
        SessionWindow window = window(link, room);
        if (room == null) {
            access.requireOpen(window);
            throw ProblemException.conflict("room-not-ready", "The room is being prepared",
                    "The video room is not ready yet; try again in a minute").with("retryAfterSeconds", 30);
        }
        Attendance attendance = new Attendance();
        attendance.id = UUID.randomUUID();
        attendance.registrationId = link.registrationId;
        attendance.sessionId = link.sessionId;
        attendance.organisationId = link.organisationId;
        attendance.displayName = displayName;
        attendance.joinedAt = Instant.now(clock);
        Map<String, Object> data = RoomAccess.data("attendance:" + attendance.id);
        data.put("displayName", displayName);
        data.put("organisationId", link.organisationId.toString());
        ClientAccess granted = access.enter(room, window, VideoProvider.ParticipantRole.PUBLISHER, data);
        attendance.persist(); // only a granted entry counts as attendance
        return granted;
    }

    private JoinLink usable(String code) {
        JoinLink link = JoinLink.byCode(code).orElseThrow(() -> ProblemException.notFound("Join link"));
        if (link.isCancelled()) {
            throw new ProblemException(410, "join-link-cancelled", "Registration cancelled",
                    "This registration was cancelled: the link no longer works");
        }
        return link;
    }

    /** The room's times win over the registration's: the session may have moved since. */
    private SessionWindow window(JoinLink link, Room room) {
        return room != null ? access.window(room.startsAt, room.durationMinutes)
                : access.window(link.sessionStartsAt, link.durationMinutes);
    }

    /** What the join page shows. */
    public record JoinPage(UUID sessionId, String title, Instant startsAt, Instant endsAt, Instant opensAt,
                           Instant closesAt, String state) {
    }
}
