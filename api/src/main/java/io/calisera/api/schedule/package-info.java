/**
 * The scheduling rules of the public contract ({@code docs/api.md}, "Slots", rules 1-5) as pure
 * functions over immutable values: {@link io.calisera.api.schedule.SlotEngine} lists the slots of a
 * service and checks a requested start; the records around it describe a provider's {@link
 * io.calisera.api.schedule.Schedule}, a service's {@link io.calisera.api.schedule.SlotSettings} and
 * the live bookings as {@link io.calisera.api.schedule.BookedRange}s.
 *
 * <p>Instants everywhere; a {@link java.time.ZoneId} only where wall-clock rules live (the
 * schedule's zone, the local dates of a query). Nothing here reads a clock: {@code now} is always a
 * parameter.
 */
package io.calisera.api.schedule;
