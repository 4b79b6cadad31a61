package io.calisera.bff.testing;

import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.BookingStatus;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.BookingView.HistoryEntry;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.Customer;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.ActingCommand;
import io.calisera.api.common.Actor;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.common.RefusedException;
import io.calisera.api.common.Role;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderSummary;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.provider.Slugs;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.BookedRange;
import io.calisera.api.schedule.DateOverride;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.InstantRange;
import io.calisera.api.schedule.Schedule;
import io.calisera.api.schedule.Slot;
import io.calisera.api.schedule.SlotEngine;
import io.calisera.api.schedule.Verdict;
import io.calisera.api.schedule.WeeklyHours;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Providers, services, schedules and bookings in this JVM on Axon's local buses: a stand-in for the
 * command and query side in tests without the hub. It keeps the rules the bff's endpoints depend on
 * (owners, the slot rules through the api's {@link SlotEngine}, the booking lifecycle, idempotency
 * keys) in simple form, and remembers every command it handled.
 */
public class FakePlatform {

  private final Clock clock;
  private final Map<String, Provider> providers =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Booking> bookings = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Spent> idempotency = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<ActingCommand> handled = Collections.synchronizedList(new ArrayList<>());

  public FakePlatform(Clock clock) {
    this.clock = clock;
  }

  private static final class Provider {
    String providerId;
    String owner;
    String displayName;
    String slug;
    ZoneId zone;
    String bio;
    String category;
    String city;
    final Map<String, ServiceView> services = new LinkedHashMap<>();
    List<WeeklyHours> weekly = List.of();
    List<DateOverride> overrides = List.of();

    ProviderView view() {
      return new ProviderView(
          providerId,
          slug,
          displayName,
          bio,
          category,
          city,
          zone,
          owner,
          List.copyOf(services.values()));
    }

    Schedule schedule() {
      return new Schedule(zone, weekly, overrides);
    }
  }

  private static final class Booking {
    BookingView view;
    int bufferBefore;
    int bufferAfter;
    int cancellationNotice;

    BookedRange range() {
      return new BookedRange(view.bookingId(), view.start(), view.end(), bufferBefore, bufferAfter);
    }
  }

  private record Spent(String fingerprint, BookingReceipt receipt) {}

  // ---- providers

  @CommandHandler
  public synchronized String handle(CreateProviderCommand command) {
    handled.add(command);
    String slug = command.slug();
    if (slug != null && slugTaken(slug, null)) {
      throw RefusedException.of(RefusalCode.SLUG_TAKEN, "slug " + slug + " is taken");
    }
    if (slug == null) {
      String base = Slugs.fromName(command.displayName());
      slug = base;
      for (int n = 2; slugTaken(slug, null); n++) {
        slug = Slugs.variant(base, n);
      }
    }
    Provider provider = new Provider();
    provider.providerId = command.providerId();
    provider.owner = command.actor().accountId();
    provider.slug = slug;
    profile(
        provider,
        command.displayName(),
        command.timeZone(),
        command.bio(),
        command.category(),
        command.city());
    providers.put(provider.providerId, provider);
    return slug;
  }

  @CommandHandler
  public synchronized String handle(UpdateProviderProfileCommand command) {
    handled.add(command);
    Provider provider = owned(command.providerId(), command.actor());
    if (command.slug() != null && !command.slug().equals(provider.slug)) {
      if (slugTaken(command.slug(), provider.providerId)) {
        throw RefusedException.of(RefusalCode.SLUG_TAKEN, "slug " + command.slug() + " is taken");
      }
      provider.slug = command.slug();
    }
    profile(
        provider,
        command.displayName(),
        command.timeZone(),
        command.bio(),
        command.category(),
        command.city());
    return provider.slug;
  }

  @CommandHandler
  public synchronized void handle(AddServiceCommand command) {
    handled.add(command);
    owned(command.providerId(), command.actor())
        .services
        .put(command.serviceId(), new ServiceView(command.serviceId(), command.definition(), true));
  }

  @CommandHandler
  public synchronized void handle(ChangeServiceCommand command) {
    handled.add(command);
    Provider provider = owned(command.providerId(), command.actor());
    ServiceView service = service(provider, command.serviceId());
    if (!service.active()) {
      throw RefusedException.of(RefusalCode.INVALID_STATE, "service is deactivated");
    }
    provider.services.put(
        command.serviceId(), new ServiceView(command.serviceId(), command.definition(), true));
  }

  @CommandHandler
  public synchronized void handle(DeactivateServiceCommand command) {
    handled.add(command);
    Provider provider = owned(command.providerId(), command.actor());
    ServiceView service = service(provider, command.serviceId());
    provider.services.put(
        command.serviceId(), new ServiceView(command.serviceId(), service.definition(), false));
  }

  @CommandHandler
  public synchronized void handle(ReplaceScheduleCommand command) {
    handled.add(command);
    Provider provider = owned(command.providerId(), command.actor());
    provider.weekly = command.weekly();
    provider.overrides = command.overrides();
  }

  @QueryHandler
  public synchronized ProviderView find(FindProviderQuery query) {
    Provider byId = providers.get(query.providerIdOrSlug());
    if (byId != null) {
      return byId.view();
    }
    return providers.values().stream()
        .filter(p -> p.slug.equals(query.providerIdOrSlug()))
        .findFirst()
        .map(Provider::view)
        .orElse(null);
  }

  @QueryHandler
  public synchronized ProviderPage search(SearchProvidersQuery query) {
    Predicate<Provider> matches =
        p ->
            (query.text() == null || contains(p, query.text().toLowerCase(Locale.ROOT)))
                && (query.category() == null || query.category().equalsIgnoreCase(p.category))
                && (query.city() == null || query.city().equalsIgnoreCase(p.city));
    List<ProviderSummary> all =
        providers.values().stream()
            .filter(matches)
            .sorted(Comparator.comparing(p -> p.displayName.toLowerCase(Locale.ROOT)))
            .map(
                p ->
                    new ProviderSummary(
                        p.providerId, p.slug, p.displayName, p.category, p.city, p.zone))
            .toList();
    int from = Math.min(all.size(), query.page() * query.size());
    int to = Math.min(all.size(), from + query.size());
    return new ProviderPage(all.subList(from, to), query.page(), query.size(), all.size());
  }

  @QueryHandler
  public synchronized ServiceList services(FindServicesQuery query) {
    Provider provider = providers.get(query.providerId());
    return new ServiceList(
        query.providerId(),
        provider == null
            ? List.of()
            : provider.services.values().stream()
                .filter(s -> !query.activeOnly() || s.active())
                .toList());
  }

  @QueryHandler
  public synchronized ScheduleView schedule(FindScheduleQuery query) {
    Provider provider = providers.get(query.providerId());
    return provider == null
        ? null
        : new ScheduleView(provider.providerId, provider.zone, provider.weekly, provider.overrides);
  }

  @QueryHandler
  public synchronized AvailableSlots slots(FindAvailableSlotsQuery query) {
    Provider provider = providers.get(query.providerId());
    if (provider == null) {
      throw queryNotFound("provider " + query.providerId());
    }
    ServiceView service = provider.services.get(query.serviceId());
    if (service == null) {
      throw queryNotFound("service " + query.serviceId());
    }
    ZoneId zone = query.timeZone() == null ? provider.zone : query.timeZone();
    if (!service.active()) {
      return new AvailableSlots(provider.providerId, service.serviceId(), zone, List.of());
    }
    List<Slot> slots =
        SlotEngine.availableSlots(
            provider.schedule(),
            service.definition().slots(),
            live(provider.providerId),
            clock.instant(),
            InstantRange.ofLocalDates(query.from(), query.to(), zone));
    return new AvailableSlots(provider.providerId, service.serviceId(), zone, slots);
  }

  // ---- bookings

  @CommandHandler
  public synchronized BookingReceipt handle(PlaceBookingCommand command) {
    handled.add(command);
    Provider provider = existing(command.providerId());
    if (command.idempotency() != null) {
      Spent spent =
          idempotency.get(command.idempotency().scope() + "\n" + command.idempotency().key());
      if (spent != null) {
        if (!spent.fingerprint().equals(command.idempotency().fingerprint())) {
          throw RefusedException.of(
              RefusalCode.IDEMPOTENCY_KEY_REUSED, "key used for another request");
        }
        BookingReceipt r = spent.receipt();
        return new BookingReceipt(
            r.bookingId(),
            r.providerId(),
            r.serviceId(),
            r.status(),
            r.start(),
            r.end(),
            r.customerTimeZone(),
            true);
      }
    }
    if (command.customerAccountId() != null
        && !command.customerAccountId().equals(command.actor().accountId())) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "for their own account only");
    }
    ServiceView service = service(provider, command.serviceId());
    if (!service.active()) {
      throw RefusedException.of(RefusalCode.NOT_A_SLOT, "service takes no bookings");
    }
    Slot slot = offered(provider, service, command.at(), command.start(), null);
    BookingStatus status =
        service.definition().requiresConfirmation()
            ? BookingStatus.PENDING
            : BookingStatus.CONFIRMED;
    Customer customer = command.customer().withDefaultZone(provider.zone);
    Booking booking = new Booking();
    booking.bufferBefore = service.definition().slots().bufferBeforeMinutes();
    booking.bufferAfter = service.definition().slots().bufferAfterMinutes();
    booking.cancellationNotice = service.definition().cancellationNoticeMinutes();
    booking.view =
        new BookingView(
            command.bookingId(),
            status,
            provider.providerId,
            service.serviceId(),
            slot.start(),
            slot.end(),
            customer,
            command.customerAccountId(),
            command.notes(),
            command.at(),
            List.of(new HistoryEntry(command.at(), "PLACED", command.actor().accountId())));
    bookings.put(command.bookingId(), booking);
    BookingReceipt receipt =
        new BookingReceipt(
            command.bookingId(),
            provider.providerId,
            service.serviceId(),
            status,
            slot.start(),
            slot.end(),
            customer.timeZone(),
            false);
    if (command.idempotency() != null) {
      idempotency.put(
          command.idempotency().scope() + "\n" + command.idempotency().key(),
          new Spent(command.idempotency().fingerprint(), receipt));
    }
    return receipt;
  }

  @CommandHandler
  public synchronized void handle(RescheduleBookingCommand command) {
    handled.add(command);
    Provider provider = existing(command.providerId());
    Booking booking = booking(command.providerId(), command.bookingId());
    boolean owner = actsAsOwner(command.actor(), provider);
    requireOwnerOrCustomer(command.actor(), owner, booking);
    requireLive(booking);
    if (!owner) {
      requireCustomerWindow(booking, command.at());
    }
    ServiceView service = service(provider, booking.view.serviceId());
    Slot slot = offered(provider, service, command.at(), command.start(), booking.view.bookingId());
    change(booking, booking.view.status(), slot, command.at(), "RESCHEDULED", command.actor());
  }

  @CommandHandler
  public synchronized void handle(CancelBookingCommand command) {
    handled.add(command);
    Provider provider = existing(command.providerId());
    Booking booking = booking(command.providerId(), command.bookingId());
    boolean owner = actsAsOwner(command.actor(), provider);
    requireOwnerOrCustomer(command.actor(), owner, booking);
    requireLive(booking);
    if (owner) {
      if (!command.at().isBefore(booking.view.end())) {
        throw RefusedException.of(RefusalCode.CANCELLATION_WINDOW_CLOSED, "it has ended");
      }
    } else {
      requireCustomerWindow(booking, command.at());
    }
    change(booking, BookingStatus.CANCELLED, null, command.at(), "CANCELLED", command.actor());
  }

  @CommandHandler
  public synchronized void handle(ConfirmBookingCommand command) {
    handled.add(command);
    answer(
        command.providerId(),
        command.bookingId(),
        command.actor(),
        command.at(),
        BookingStatus.CONFIRMED,
        "CONFIRMED");
  }

  @CommandHandler
  public synchronized void handle(DeclineBookingCommand command) {
    handled.add(command);
    answer(
        command.providerId(),
        command.bookingId(),
        command.actor(),
        command.at(),
        BookingStatus.DECLINED,
        "DECLINED");
  }

  @CommandHandler
  public synchronized void handle(CompleteBookingCommand command) {
    handled.add(command);
    close(
        command.providerId(),
        command.bookingId(),
        command.actor(),
        command.at(),
        BookingStatus.COMPLETED,
        "COMPLETED");
  }

  @CommandHandler
  public synchronized void handle(MarkNoShowCommand command) {
    handled.add(command);
    close(
        command.providerId(),
        command.bookingId(),
        command.actor(),
        command.at(),
        BookingStatus.NO_SHOW,
        "NO_SHOW");
  }

  @QueryHandler
  public synchronized BookingView find(FindBookingQuery query) {
    Booking booking = bookings.get(query.bookingId());
    return booking == null ? null : booking.view;
  }

  @QueryHandler
  public synchronized BookingPage customerBookings(FindCustomerBookingsQuery query) {
    return page(
        b -> query.customerAccountId().equals(b.customerAccountId()),
        query.from(),
        query.to(),
        query.status(),
        query.page(),
        query.size(),
        Comparator.comparing(BookingView::start).reversed());
  }

  @QueryHandler
  public synchronized BookingPage providerBookings(FindProviderBookingsQuery query) {
    return page(
        b -> query.providerId().equals(b.providerId()),
        query.from(),
        query.to(),
        query.status(),
        query.page(),
        query.size(),
        Comparator.comparing(BookingView::start));
  }

  // ---- what tests look at

  public List<ActingCommand> handled() {
    return List.copyOf(handled);
  }

  public <T> List<T> handled(Class<T> type) {
    return handled().stream().filter(type::isInstance).map(type::cast).toList();
  }

  public synchronized long bookingCount() {
    return bookings.size();
  }

  // ---- rules, simply

  private void answer(
      String providerId, String bookingId, Actor actor, Instant at, BookingStatus to, String type) {
    Provider provider = existing(providerId);
    Booking booking = booking(providerId, bookingId);
    if (!actsAsOwner(actor, provider)) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "owner only");
    }
    if (booking.view.status() != BookingStatus.PENDING) {
      throw RefusedException.of(RefusalCode.INVALID_STATE, "booking is " + booking.view.status());
    }
    change(booking, to, null, at, type, actor);
  }

  private void close(
      String providerId, String bookingId, Actor actor, Instant at, BookingStatus to, String type) {
    Provider provider = existing(providerId);
    Booking booking = booking(providerId, bookingId);
    if (!actsAsOwner(actor, provider)) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "owner only");
    }
    if (booking.view.status() != BookingStatus.CONFIRMED || at.isBefore(booking.view.start())) {
      throw RefusedException.of(RefusalCode.INVALID_STATE, "not confirmed or not started");
    }
    change(booking, to, null, at, type, actor);
  }

  private static void requireOwnerOrCustomer(Actor actor, boolean owner, Booking booking) {
    boolean customer =
        actor.isGuest() || actor.accountId().equals(booking.view.customerAccountId());
    if (!owner && !customer) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "customer or owner only");
    }
  }

  private static void requireLive(Booking booking) {
    if (!booking.view.status().isLive()) {
      throw RefusedException.of(RefusalCode.INVALID_STATE, "booking is " + booking.view.status());
    }
  }

  private static void requireCustomerWindow(Booking booking, Instant at) {
    Instant deadline = booking.view.start().minus(Duration.ofMinutes(booking.cancellationNotice));
    if (at.isAfter(deadline)) {
      throw RefusedException.of(RefusalCode.CANCELLATION_WINDOW_CLOSED, "too late for customers");
    }
  }

  private static void change(
      Booking booking, BookingStatus status, Slot slot, Instant at, String type, Actor actor) {
    BookingView v = booking.view;
    List<HistoryEntry> history = new ArrayList<>(v.history());
    history.add(new HistoryEntry(at, type, actor.accountId()));
    booking.view =
        new BookingView(
            v.bookingId(),
            status,
            v.providerId(),
            v.serviceId(),
            slot == null ? v.start() : slot.start(),
            slot == null ? v.end() : slot.end(),
            v.customer(),
            v.customerAccountId(),
            v.notes(),
            v.createdAt(),
            history);
  }

  private Slot offered(
      Provider provider, ServiceView service, Instant at, Instant start, String moving) {
    Verdict verdict =
        SlotEngine.check(
            provider.schedule(),
            service.definition().slots(),
            live(provider.providerId),
            at,
            start,
            moving);
    if (verdict instanceof Verdict.Refused refused) {
      throw RefusedException.of(
          RefusalCode.valueOf(refused.reason().name()), "not bookable: " + refused.reason());
    }
    return ((Verdict.Accepted) verdict).slot();
  }

  private List<BookedRange> live(String providerId) {
    return bookings.values().stream()
        .filter(b -> b.view.providerId().equals(providerId) && b.view.status().isLive())
        .map(Booking::range)
        .toList();
  }

  private BookingPage page(
      Predicate<BookingView> whose,
      Instant from,
      Instant to,
      BookingStatus status,
      int page,
      int size,
      Comparator<BookingView> order) {
    List<BookingView> all =
        bookings.values().stream()
            .map(b -> b.view)
            .filter(whose)
            .filter(b -> from == null || !b.start().isBefore(from))
            .filter(b -> to == null || b.start().isBefore(to))
            .filter(b -> status == null || b.status() == status)
            .sorted(order)
            .toList();
    int first = Math.min(all.size(), page * size);
    int last = Math.min(all.size(), first + size);
    return new BookingPage(all.subList(first, last), page, size, all.size());
  }

  private void profile(
      Provider provider, String name, ZoneId zone, String bio, String category, String city) {
    provider.displayName = name;
    provider.zone = zone;
    provider.bio = bio;
    provider.category = category;
    provider.city = city;
  }

  private boolean slugTaken(String slug, String except) {
    return providers.values().stream()
        .anyMatch(p -> p.slug.equals(slug) && !Objects.equals(p.providerId, except));
  }

  private static boolean contains(Provider p, String text) {
    return List.of(
            Objects.toString(p.displayName, ""),
            Objects.toString(p.bio, ""),
            Objects.toString(p.category, ""),
            Objects.toString(p.city, ""))
        .stream()
        .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(text));
  }

  private Provider existing(String providerId) {
    Provider provider = providers.get(providerId);
    if (provider == null) {
      throw notFound("provider " + providerId);
    }
    return provider;
  }

  private Provider owned(String providerId, Actor actor) {
    Provider provider = existing(providerId);
    if (!actsAsOwner(actor, provider)) {
      throw RefusedException.of(RefusalCode.FORBIDDEN, "only the owner may");
    }
    return provider;
  }

  private static boolean actsAsOwner(Actor actor, Provider provider) {
    return actor.accountId().equals(provider.owner) || actor.has(Role.ADMIN);
  }

  private static ServiceView service(Provider provider, String serviceId) {
    ServiceView service = provider.services.get(serviceId);
    if (service == null) {
      throw notFound("service " + serviceId);
    }
    return service;
  }

  private Booking booking(String providerId, String bookingId) {
    Booking booking = bookings.get(bookingId);
    if (booking == null || !booking.view.providerId().equals(providerId)) {
      throw notFound("booking " + bookingId);
    }
    return booking;
  }

  private static QueryExecutionException queryNotFound(String what) {
    return new QueryExecutionException(
        "no " + what, null, new Refusal(RefusalCode.NOT_FOUND, "no " + what));
  }

  private static RefusedException notFound(String what) {
    return RefusedException.of(RefusalCode.NOT_FOUND, "no " + what);
  }
}
