package dev.sessio.video;

import dev.sessio.video.infra.ExternalLinkProvider;
import dev.sessio.video.infra.VideoProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalLinkProviderTest {

    final ExternalLinkProvider provider = new ExternalLinkProvider("https://meet.jit.si/sessio-{sessionId}");

    @Test
    void eachRoomIsAMeetingUrlFromTheTemplateWithoutTokensOrUsage() {
        UUID session = UUID.randomUUID();
        VideoProvider.ProviderRoom room = provider.createRoom(session);

        assertThat(room.meetingUrl()).isEqualTo("https://meet.jit.si/sessio-" + session);
        assertThat(room.roomId()).contains(session.toString());
        assertThat(provider.createRoom(session)).isEqualTo(room);
        assertThat(provider.clientToken(room.roomId(), VideoProvider.ParticipantRole.PUBLISHER, Duration.ofHours(1), "{}"))
                .isEmpty();
        assertThat(provider.applicationId()).isEmpty();
        assertThat(provider.tracksUsage()).isFalse();
        assertThatThrownBy(() -> provider.startArchive(room.roomId(), "x"))
                .isInstanceOf(VideoProvider.ProviderException.class);
    }

    @Test
    void aTemplateWithoutTheSessionIdIsRefusedAtStart() {
        assertThatThrownBy(() -> new ExternalLinkProvider("https://meet.jit.si/always-the-same-room"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
