package io.calisera.axonserver.eventstore;

import io.axoniq.axonserver.grpc.event.Event;

/**
 * An event as the writer stores it.
 *
 * @param token its global position
 * @param aggregateId its aggregate, or null when it belongs to none
 * @param sequence its sequence number in the aggregate (meaningless without an aggregate)
 * @param event the event as the client sent it
 * @param bytes the stored encoding of {@code event}, which the digest covers
 * @param digest the link of the tamper-evidence chain ending at this event
 */
record StoredEvent(
    long token, String aggregateId, long sequence, Event event, byte[] bytes, byte[] digest) {}
