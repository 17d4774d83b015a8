package dev.sessio.notifications.api;

import dev.sessio.notifications.domain.Feed;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One entry of the caller's notifications. */
public record NotificationDto(UUID id, String kind, String title, String link, OffsetDateTime createdAt, boolean read) {

    static NotificationDto of(Feed.Entry e) {
        return new NotificationDto(e.id(), e.kind(), e.title(), e.link(), e.createdAt().atOffset(ZoneOffset.UTC), e.read());
    }
}
