package io.calisera.api.booking;

/**
 * @param url where the booking's holder views, cancels or moves it without an account; a bearer
 *     capability: whoever has it may do so
 */
public record ManageLink(String bookingId, String url) {}
