package dev.sessio.notifications.api;

import jakarta.validation.constraints.NotNull;

/** {@code {"read": true}} marks the notification read, {@code false} unread again. */
public record MarkRead(@NotNull Boolean read) {
}
