package io.calisera.bff.booking;

import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.ProviderView;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.gateway.QuerySender;
import io.calisera.bff.web.ApiProblem;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who may do what to one booking: its customer (the account it was booked for), the owner of its
 * provider, an auditor (reading only), or the holder of its capability ({@link
 * BookingCapabilities}). Used inside the booking endpoints that anonymous capability holders may
 * call, and by {@code @PreAuthorize("@bookingAccess.isOwner(#bookingId, principal)")} for the
 * owner's.
 *
 * <p>A capability never opens anything but its own booking: one of another booking, or a forged
 * one, is 403 before the booking is even looked up.
 */
@Component("bookingAccess")
public class BookingAccess {

  /** The ways one may hold a booking. */
  public enum Way {
    CUSTOMER,
    OWNER,
    AUDITOR,
    CAPABILITY
  }

  /**
   * What the caller may act on, and as whom: their own account, or {@link Actor#GUEST} for a
   * capability holder (the command side lets guests cancel and move, trusting the bff's check).
   */
  public record Granted(BookingView booking, Actor actor, Way way) {}

  private static final String AUTHORIZED = BookingAccess.class.getName() + ".authorized";

  private final QuerySender queries;
  private final BookingCapabilities capabilities;

  public BookingAccess(QuerySender queries, BookingCapabilities capabilities) {
    this.queries = queries;
    this.capabilities = capabilities;
  }

  /**
   * For {@code @PreAuthorize}: the caller owns the booking's provider (404 for no booking). The
   * booking read here is what {@link #bookingAsAuthorized} answers for the rest of the request.
   */
  public boolean isOwner(String bookingId, Object principal) {
    if (!(principal instanceof Caller caller)) {
      return false;
    }
    BookingView booking = booking(bookingId);
    RequestContextHolder.currentRequestAttributes()
        .setAttribute(AUTHORIZED, booking, RequestAttributes.SCOPE_REQUEST);
    return owner(booking).filter(caller.accountId()::equals).isPresent();
  }

  /** The booking as {@link #isOwner} read it for this request, or as it is now. */
  public BookingView bookingAsAuthorized(String bookingId) {
    Object read =
        RequestContextHolder.currentRequestAttributes()
            .getAttribute(AUTHORIZED, RequestAttributes.SCOPE_REQUEST);
    return read instanceof BookingView booking && booking.bookingId().equals(bookingId)
        ? booking
        : booking(bookingId);
  }

  /**
   * The booking, if the caller holds it in one of {@code ways}; otherwise 401 (no token and no
   * capability), 403 (neither opens it) or 404 (no such booking).
   *
   * @param caller the authenticated caller, {@code null} when anonymous
   * @param capability the {@code Booking-Capability} header, {@code null} when absent
   */
  public Granted grant(String bookingId, Caller caller, String capability, Set<Way> ways) {
    boolean hasCapability = capability != null && !capability.isBlank();
    boolean capabilityOpens =
        hasCapability && ways.contains(Way.CAPABILITY) && capabilities.opens(capability, bookingId);
    if (caller == null && !hasCapability) {
      throw ApiProblem.unauthenticated(
          "Authenticate, or present the booking's capability in the Booking-Capability header");
    }
    if (caller == null && !capabilityOpens) {
      throw ApiProblem.forbidden("The capability does not open this booking");
    }
    BookingView booking = booking(bookingId);
    if (caller != null) {
      if (ways.contains(Way.OWNER)
          && owner(booking).filter(caller.accountId()::equals).isPresent()) {
        return new Granted(booking, caller.actor(), Way.OWNER);
      }
      if (ways.contains(Way.CUSTOMER) && caller.accountId().equals(booking.customerAccountId())) {
        return new Granted(booking, caller.actor(), Way.CUSTOMER);
      }
      if (ways.contains(Way.AUDITOR) && caller.has(Role.AUDITOR)) {
        return new Granted(booking, caller.actor(), Way.AUDITOR);
      }
    }
    if (capabilityOpens) {
      return new Granted(booking, Actor.GUEST, Way.CAPABILITY);
    }
    throw ApiProblem.forbidden("This booking is not yours to " + purpose(ways));
  }

  /** The booking; 404 when there is none. */
  public BookingView booking(String bookingId) {
    return queries
        .findOptional(new FindBookingQuery(bookingId), BookingView.class)
        .orElseThrow(() -> ApiProblem.notFound("There is no booking " + bookingId));
  }

  private Optional<String> owner(BookingView booking) {
    return queries
        .findOptional(new FindProviderQuery(booking.providerId()), ProviderView.class)
        .map(ProviderView::ownerAccountId);
  }

  private static String purpose(Set<Way> ways) {
    return ways.contains(Way.AUDITOR) ? "see" : "change";
  }
}
