package io.calisera.notification.delivery;

import io.calisera.notification.notice.Notice;

/** A notice as stored, with its row id and how often addressing it was tried. */
record StoredNotice(long id, Notice notice, int attempts) {}
