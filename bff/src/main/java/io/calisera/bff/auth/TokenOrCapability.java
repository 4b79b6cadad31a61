package io.calisera.bff.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * An authenticated caller, or a caller without a token who presents one booking's capability
 * (header {@code Booking-Capability}): the URL level lets requests without a token through, and the
 * endpoint decides who may do what ({@code booking.BookingAccess}: 401 without token and
 * capability, 403 when neither opens the booking). Not {@link Public}: nobody without one or the
 * other gets anything.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("permitAll()")
public @interface TokenOrCapability {}
