package dev.sessio.notifications.api;

import java.util.List;

/** A page of the caller's notifications, with how many are unread in all. */
public record NotificationPage(List<NotificationDto> items, int page, int size, long total, long unread) {
}
