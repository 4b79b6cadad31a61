package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;

/** A delivery a sender holds for one attempt; {@code attempts} counts this one. */
record Claimed(
    long id,
    long noticeId,
    NotificationChannel channel,
    String recipient,
    String address,
    String platform,
    int attempts) {}
