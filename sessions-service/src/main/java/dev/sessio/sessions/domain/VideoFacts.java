package dev.sessio.sessions.domain;

import dev.sessio.events.video.JoinLinkIssued;
import dev.sessio.events.video.VideoRoomReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** What video-service tells about rooms and join links, kept on sessions and registrations. */
@ApplicationScoped
public class VideoFacts {

    private static final Logger LOG = Logger.getLogger(VideoFacts.class);

    @Transactional(Transactional.TxType.MANDATORY)
    public void joinLinkIssued(JoinLinkIssued event) {
        Registration registration = Registration.findById(event.registrationId(), LockModeType.PESSIMISTIC_WRITE);
        if (registration == null || !registration.organisationId.equals(event.organisationId())) {
            LOG.warnf("JoinLinkIssued for unknown registration %s: ignored", event.registrationId());
            return;
        }
        registration.joinUrl = event.joinUrl();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void roomReady(VideoRoomReady event) {
        CatalogueSession webinar = CatalogueSession.findById(event.sessionId());
        if (webinar != null) {
            webinar.roomReady = true;
            return;
        }
        MentoringSession mentoring = MentoringSession.findById(event.sessionId());
        if (mentoring != null) {
            mentoring.roomReady = true;
        }
    }
}
