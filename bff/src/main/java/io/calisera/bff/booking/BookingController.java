package io.calisera.bff.booking;

import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.Idempotency;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Role;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.auth.Public;
import io.calisera.bff.auth.TokenOrCapability;
import io.calisera.bff.booking.BookingAccess.Granted;
import io.calisera.bff.booking.BookingAccess.Way;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.gateway.ReadYourWrites;
import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.calisera.bff.web.ApiProblem;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.Links;
import io.calisera.bff.web.OptionalAuthentication;
import io.calisera.bff.web.ProblemCode;
import io.calisera.bff.web.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bookings: placing one (a customer for their own account, or a guest), reading, cancelling and
 * moving it (its customer, the provider's owner, or the holder of its capability), and the owner's
 * answers (confirm, decline, complete, no-show). The command side decides every business rule; this
 * decides who may ask.
 */
@RestController
@Tag(name = "Bookings")
class BookingController {

  static final String CAPABILITY_HEADER = "Booking-Capability";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  /** The scope of every guest's idempotency keys (an account's keys are scoped to the account). */
  static final String GUEST_SCOPE = "guest";

  private static final Set<Way> VIEWERS = EnumSet.allOf(Way.class);
  private static final Set<Way> CHANGERS = EnumSet.of(Way.CUSTOMER, Way.OWNER, Way.CAPABILITY);

  private final CommandSender commands;
  private final ReadYourWrites readYourWrites;
  private final BookingAccess access;
  private final BookingCapabilities capabilities;
  private final IdempotencyClaims claims;
  private final Links links;
  private final Clock clock;

  BookingController(
      CommandSender commands,
      ReadYourWrites readYourWrites,
      BookingAccess access,
      BookingCapabilities capabilities,
      IdempotencyClaims claims,
      Links links,
      Clock clock) {
    this.commands = commands;
    this.readYourWrites = readYourWrites;
    this.access = access;
    this.capabilities = capabilities;
    this.claims = claims;
    this.links = links;
    this.clock = clock;
  }

  /**
   * @param phone with its country code ({@code +49 170 1234567}); stored in E.164
   * @param timeZone the customer's IANA zone for messages; default: the provider's
   */
  record CustomerRequest(
      @Size(max = 200) String name,
      @Email @Size(max = 254) String email,
      @Size(max = PhoneNumbers.MAX_LENGTH) String phone,
      @Size(max = 100) String timeZone) {}

  /**
   * @param start an instant with offset, e.g. {@code 2026-03-29T09:00:00+02:00}
   * @param customer for a guest name and email are required; for a customer they default to the
   *     account's
   */
  record PlaceRequest(
      @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String serviceId,
      @NotBlank @Size(max = 64) String start,
      @Valid CustomerRequest customer,
      @Size(max = 2000) String notes) {}

  record BookingCreated(
      String bookingId,
      BookingStatus status,
      String providerId,
      String serviceId,
      String start,
      String end,
      String manageUrl) {}

  record ReasonRequest(@Size(max = 1000) String reason) {}

  record RescheduleRequest(
      @NotBlank @Size(max = 64) String start, @Size(max = 1000) String reason) {}

  @Public
  @OptionalAuthentication
  @RateLimited(RateLimit.GUEST_BOOKINGS)
  @PostMapping("/api/v1/bookings")
  @Operation(
      summary = "Book a slot, as a customer or as a guest",
      description =
          "Who may call it: an authenticated CUSTOMER (books for their own account; name and"
              + " email default to the account's), or anyone without a token (a guest; name and"
              + " email required). Other authenticated callers get 403. Answers 201 with the"
              + " booking and manageUrl, whose last path segment is the booking's capability"
              + " (header Booking-Capability). With Idempotency-Key: the same key and body again"
              + " answers the first answer (201, same body, Idempotent-Replayed: true) and books"
              + " nothing; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; while"
              + " the first request runs, 409 IDEMPOTENCY_KEY_IN_FLIGHT. Keys are scoped to the"
              + " account (guests share one scope: use random keys such as UUIDs).",
      security = @SecurityRequirement(name = "bearer"))
  @ApiProblems({
    ProblemCode.FORBIDDEN,
    ProblemCode.NOT_FOUND,
    ProblemCode.SLOT_TAKEN,
    ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.NOT_A_SLOT,
    ProblemCode.INSIDE_MINIMUM_NOTICE,
    ProblemCode.BEYOND_BOOKING_HORIZON,
    ProblemCode.IN_THE_PAST,
    ProblemCode.IDEMPOTENCY_KEY_REUSED,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  ResponseEntity<BookingCreated> place(
      @Valid @RequestBody PlaceRequest request,
      @Parameter(description = "a key of the client's choosing (a UUID), printable ASCII")
          @RequestHeader(name = IDEMPOTENCY_HEADER, required = false)
          @Pattern(regexp = "[!-~]{1,200}", message = "must be 1 to 200 printable ASCII characters")
          String idempotencyKey,
      @AuthenticationPrincipal Caller caller,
      @CurrentActor Actor actor) {
    if (caller != null && !caller.has(Role.CUSTOMER)) {
      throw ApiProblem.forbidden("Only customers book; this account is not a customer");
    }
    Instant start = WireFormats.parseInstant(request.start(), "start");
    CustomerRequest given =
        request.customer() == null
            ? new CustomerRequest(null, null, null, null)
            : request.customer();
    String name = text(given.name());
    String email = text(given.email());
    String phone = PhoneNumbers.e164(given.phone(), "customer.phone");
    ZoneId zone = WireFormats.parseOptionalZone(text(given.timeZone()), "customer.timeZone");
    String notes = text(request.notes());
    Customer customer =
        new Customer(
            required(name != null ? name : caller == null ? null : caller.name(), "customer.name"),
            required(
                email != null ? email : caller == null ? null : caller.email(), "customer.email"),
            phone,
            zone); // none: the command side records the provider's

    Idempotency idempotency = null;
    if (idempotencyKey != null) {
      String fingerprint =
          new RequestFingerprint()
              .add(request.providerId())
              .add(request.serviceId())
              .add(start)
              .add(name)
              .add(email)
              .add(phone)
              .add(zone)
              .add(notes)
              .digest();
      idempotency =
          new Idempotency(
              caller == null ? GUEST_SCOPE : caller.accountId(), idempotencyKey, fingerprint);
    }
    var command =
        new PlaceBookingCommand(
            request.providerId(),
            UUID.randomUUID().toString(),
            request.serviceId(),
            start,
            customer,
            caller == null ? null : caller.accountId(),
            notes,
            idempotency,
            actor,
            clock.instant());
    BookingReceipt receipt =
        idempotency == null
            ? commands.send(command)
            : claims.whileClaimed(
                idempotency.scope(),
                idempotency.key(),
                () -> commands.<BookingReceipt>send(command));
    readYourWrites.awaitReadModels();
    ZoneId shown = receipt.customerTimeZone() == null ? ZoneOffset.UTC : receipt.customerTimeZone();
    var answer = ResponseEntity.created(URI.create("/api/v1/bookings/" + receipt.bookingId()));
    if (receipt.repeated()) {
      answer.header("Idempotent-Replayed", "true");
    }
    return answer.body(
        new BookingCreated(
            receipt.bookingId(),
            receipt.status(),
            receipt.providerId(),
            receipt.serviceId(),
            WireFormats.instant(receipt.start(), shown),
            WireFormats.instant(receipt.end(), shown),
            links.manageUrl(capabilities.issue(receipt.bookingId()))));
  }

  @TokenOrCapability
  @GetMapping("/api/v1/bookings/{bookingId}")
  @Operation(
      summary = "A booking with its history",
      description =
          "Who may call it: its customer, the owner of its provider, an AUDITOR, or anyone"
              + " presenting its capability (header Booking-Capability). A capability of another"
              + " booking is 403.",
      security = {
        @SecurityRequirement(name = "bearer"),
        @SecurityRequirement(name = "bookingCapability")
      })
  @ApiProblems({
    ProblemCode.UNAUTHENTICATED,
    ProblemCode.FORBIDDEN,
    ProblemCode.NOT_FOUND,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse booking(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @Parameter(description = "the booking's capability, for guests")
          @RequestHeader(name = CAPABILITY_HEADER, required = false)
          @Size(max = 200)
          String capability,
      @AuthenticationPrincipal Caller caller) {
    return BookingResponse.of(access.grant(bookingId, caller, capability, VIEWERS).booking());
  }

  @TokenOrCapability
  @PostMapping("/api/v1/bookings/{bookingId}/cancel")
  @Operation(
      summary = "Cancel a booking",
      description =
          "Who may call it: its customer or the capability holder (until start minus the"
              + " service's cancellation notice, else 422 CANCELLATION_WINDOW_CLOSED), the owner"
              + " (until its end). Cancelling a cancelled booking is 409 INVALID_STATE. The slot"
              + " is free again at once. Answers the booking.",
      security = {
        @SecurityRequirement(name = "bearer"),
        @SecurityRequirement(name = "bookingCapability")
      })
  @ApiProblems({
    ProblemCode.UNAUTHENTICATED,
    ProblemCode.FORBIDDEN,
    ProblemCode.NOT_FOUND,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.CANCELLATION_WINDOW_CLOSED,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse cancel(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @Valid @RequestBody(required = false) ReasonRequest request,
      @RequestHeader(name = CAPABILITY_HEADER, required = false) @Size(max = 200) String capability,
      @AuthenticationPrincipal Caller caller) {
    Granted granted = access.grant(bookingId, caller, capability, CHANGERS);
    String reason = request == null ? null : text(request.reason());
    return change(
        granted.booking(),
        booking ->
            new CancelBookingCommand(
                booking.providerId(), bookingId, reason, granted.actor(), clock.instant()));
  }

  @TokenOrCapability
  @PostMapping("/api/v1/bookings/{bookingId}/reschedule")
  @Operation(
      summary = "Move a booking to another slot of its service",
      description =
          "Who may call it: its customer or the capability holder (until start minus the"
              + " service's cancellation notice), the owner. Atomic: same id, same manage link,"
              + " the old time freed only if the move succeeds; its own old time does not block"
              + " it. 409/422 as for a new booking; a cancelled booking is 409 INVALID_STATE."
              + " Answers the booking.",
      security = {
        @SecurityRequirement(name = "bearer"),
        @SecurityRequirement(name = "bookingCapability")
      })
  @ApiProblems({
    ProblemCode.UNAUTHENTICATED,
    ProblemCode.FORBIDDEN,
    ProblemCode.NOT_FOUND,
    ProblemCode.SLOT_TAKEN,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.NOT_A_SLOT,
    ProblemCode.INSIDE_MINIMUM_NOTICE,
    ProblemCode.BEYOND_BOOKING_HORIZON,
    ProblemCode.IN_THE_PAST,
    ProblemCode.CANCELLATION_WINDOW_CLOSED,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse reschedule(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @Valid @RequestBody RescheduleRequest request,
      @RequestHeader(name = CAPABILITY_HEADER, required = false) @Size(max = 200) String capability,
      @AuthenticationPrincipal Caller caller) {
    Instant start = WireFormats.parseInstant(request.start(), "start");
    Granted granted = access.grant(bookingId, caller, capability, CHANGERS);
    return change(
        granted.booking(),
        booking ->
            new RescheduleBookingCommand(
                booking.providerId(),
                bookingId,
                start,
                text(request.reason()),
                granted.actor(),
                clock.instant()));
  }

  @PreAuthorize("@bookingAccess.isOwner(#bookingId, principal)")
  @PostMapping("/api/v1/bookings/{bookingId}/confirm")
  @Operation(
      summary = "Confirm a PENDING booking",
      description = "Anything but PENDING is 409 INVALID_STATE. Answers the booking.")
  @ApiProblems({
    ProblemCode.NOT_FOUND,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse confirm(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @CurrentActor Actor actor) {
    return ownerChange(
        bookingId,
        booking ->
            new ConfirmBookingCommand(booking.providerId(), bookingId, actor, clock.instant()));
  }

  @PreAuthorize("@bookingAccess.isOwner(#bookingId, principal)")
  @PostMapping("/api/v1/bookings/{bookingId}/decline")
  @Operation(
      summary = "Decline a PENDING booking",
      description = "Anything but PENDING is 409 INVALID_STATE. Answers the booking.")
  @ApiProblems({
    ProblemCode.NOT_FOUND,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse decline(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @Valid @RequestBody(required = false) ReasonRequest request,
      @CurrentActor Actor actor) {
    String reason = request == null ? null : text(request.reason());
    return ownerChange(
        bookingId,
        booking ->
            new DeclineBookingCommand(
                booking.providerId(), bookingId, reason, actor, clock.instant()));
  }

  @PreAuthorize("@bookingAccess.isOwner(#bookingId, principal)")
  @PostMapping("/api/v1/bookings/{bookingId}/complete")
  @Operation(
      summary = "Mark a CONFIRMED booking completed, once it has started",
      description =
          "Before its start, or for a booking that is not CONFIRMED, 409 INVALID_STATE. A final"
              + " state. Answers the booking.")
  @ApiProblems({
    ProblemCode.NOT_FOUND,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse complete(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @CurrentActor Actor actor) {
    return ownerChange(
        bookingId,
        booking ->
            new CompleteBookingCommand(booking.providerId(), bookingId, actor, clock.instant()));
  }

  @PreAuthorize("@bookingAccess.isOwner(#bookingId, principal)")
  @PostMapping("/api/v1/bookings/{bookingId}/no-show")
  @Operation(
      summary = "Mark a CONFIRMED booking a no-show, once it has started",
      description =
          "Before its start, or for a booking that is not CONFIRMED, 409 INVALID_STATE. A final"
              + " state. Answers the booking.")
  @ApiProblems({
    ProblemCode.NOT_FOUND,
    ProblemCode.INVALID_STATE,
    ProblemCode.CONCURRENT_CHANGE,
    ProblemCode.SERVICE_UNAVAILABLE
  })
  BookingResponse noShow(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String bookingId,
      @CurrentActor Actor actor) {
    return ownerChange(
        bookingId,
        booking -> new MarkNoShowCommand(booking.providerId(), bookingId, actor, clock.instant()));
  }

  private BookingResponse ownerChange(String bookingId, Function<BookingView, Object> command) {
    return change(access.bookingAsAuthorized(bookingId), command);
  }

  /** Sends the change, waits for the read models, and answers the booking as it is now. */
  private BookingResponse change(BookingView booking, Function<BookingView, Object> command) {
    commands.send(command.apply(booking));
    readYourWrites.awaitReadModels();
    return BookingResponse.of(access.booking(booking.bookingId()));
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String required(String value, String field) {
    if (value == null) {
      throw ApiProblem.invalid(field, "is required for a booking without an account");
    }
    return value;
  }
}
