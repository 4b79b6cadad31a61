package io.calisera.api.readmodel;

/**
 * How far the read models have come: answered with {@link ReadModelPositions}. A sender that wants
 * to read its own write (docs/api.md, "Read-your-writes") takes the event store's last token after
 * its command succeeded and waits until {@link ReadModelPositions#lowest()} has reached it.
 *
 * <p>A record with a field, not an empty one, so that every JSON mapper reads it back; the field is
 * reserved and ignored.
 *
 * @param asker who asks (for logs only), may be {@code null}
 */
public record FindReadModelPositionsQuery(String asker) {}
