package io.calisera.notification.delivery;

import io.calisera.notification.notice.Notice;

/**
 * A notice as stored, with its row id and how often addressing it was tried.
 *
 * @param eventPosition the global position of the event whose saga step posted it; {@code null} for
 *     one a deadline posted
 */
record StoredNotice(long id, Notice notice, int attempts, Long eventPosition) {}
