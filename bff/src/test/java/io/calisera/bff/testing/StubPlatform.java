package io.calisera.bff.testing;

import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.api.account.UnregisterDeviceCommand;
import io.calisera.api.audit.AuditEventPage;
import io.calisera.api.audit.BookingAuditEvents;
import io.calisera.api.audit.FindBookingAsOfQuery;
import io.calisera.api.audit.FindBookingAuditEventsQuery;
import io.calisera.api.audit.FindProviderAuditEventsQuery;
import io.calisera.api.booking.BookingPage;
import io.calisera.api.booking.BookingView;
import io.calisera.api.booking.CancelBookingCommand;
import io.calisera.api.booking.CompleteBookingCommand;
import io.calisera.api.booking.ConfirmBookingCommand;
import io.calisera.api.booking.DeclineBookingCommand;
import io.calisera.api.booking.FindBookingQuery;
import io.calisera.api.booking.FindCustomerBookingsQuery;
import io.calisera.api.booking.FindProviderBookingsQuery;
import io.calisera.api.booking.MarkNoShowCommand;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.api.booking.RescheduleBookingCommand;
import io.calisera.api.common.Refusal;
import io.calisera.api.common.RefusalCode;
import io.calisera.api.insights.FindInsightsRebuildQuery;
import io.calisera.api.insights.FindProviderInsightsQuery;
import io.calisera.api.insights.InsightsRebuild;
import io.calisera.api.insights.ProviderInsights;
import io.calisera.api.insights.RebuildInsightsQuery;
import io.calisera.api.notification.BookingNotifications;
import io.calisera.api.notification.FindBookingNotificationsQuery;
import io.calisera.api.provider.AddServiceCommand;
import io.calisera.api.provider.ChangeServiceCommand;
import io.calisera.api.provider.CreateProviderCommand;
import io.calisera.api.provider.DeactivateServiceCommand;
import io.calisera.api.provider.FindOwnedProvidersQuery;
import io.calisera.api.provider.FindProviderQuery;
import io.calisera.api.provider.FindScheduleQuery;
import io.calisera.api.provider.FindServicesQuery;
import io.calisera.api.provider.ProviderPage;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ReplaceScheduleCommand;
import io.calisera.api.provider.ScheduleView;
import io.calisera.api.provider.SearchProvidersQuery;
import io.calisera.api.provider.ServiceList;
import io.calisera.api.provider.UpdateProviderProfileCommand;
import io.calisera.api.schedule.AvailableSlots;
import io.calisera.api.schedule.FindAvailableSlotsQuery;
import io.calisera.api.schedule.PreviewSlotsQuery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryExecutionException;

/**
 * The command and query side in the bff's tests, with no rules of their own: each test says what
 * the platform answers to the messages the bff sends, and reads what the bff sent.
 *
 * <pre>{@code
 * platform.on(new FindBookingQuery("b-1")).answer(aBooking);
 * platform.on(PlaceBookingCommand.class).refuse(RefusalCode.SLOT_TAKEN);
 * platform.on(ReplaceScheduleCommand.class).succeed();
 * assertThat(platform.sent(PlaceBookingCommand.class)).singleElement()...
 * }</pre>
 *
 * <p>The bff translates and decides who may ask; whether a slot is free, a window closed or a key
 * spent is the command side's (its fixture tests), what the read models hold the query side's, and
 * both together are proven through the bff by {@code PublicApiIT}. So nothing here books, counts or
 * compares: a stub that re-implemented those rules would only drift from them.
 *
 * <p>It handles the commands and queries of providers, services, schedules, slots, bookings, push
 * devices, the notification records, insights and their rebuild, the audit history on Axon's local
 * buses (accounts are {@link FakeAccounts}'). The latest answer given for a message wins. A message
 * no answer matches is refused loudly and fails the test that sent it, and every test starts with
 * no answers and nothing sent ({@link StubPlatformReset}).
 */
public class StubPlatform {

  private static final List<Class<?>> COMMANDS =
      List.of(
          CreateProviderCommand.class,
          UpdateProviderProfileCommand.class,
          AddServiceCommand.class,
          ChangeServiceCommand.class,
          DeactivateServiceCommand.class,
          ReplaceScheduleCommand.class,
          PlaceBookingCommand.class,
          CancelBookingCommand.class,
          RescheduleBookingCommand.class,
          ConfirmBookingCommand.class,
          DeclineBookingCommand.class,
          CompleteBookingCommand.class,
          MarkNoShowCommand.class,
          RegisterDeviceCommand.class,
          UnregisterDeviceCommand.class);

  /** Each query with the type of its answer. */
  private static final Map<Class<?>, Class<?>> QUERIES =
      Map.ofEntries(
          Map.entry(FindProviderQuery.class, ProviderView.class),
          Map.entry(SearchProvidersQuery.class, ProviderPage.class),
          Map.entry(FindOwnedProvidersQuery.class, ProviderPage.class),
          Map.entry(FindServicesQuery.class, ServiceList.class),
          Map.entry(FindScheduleQuery.class, ScheduleView.class),
          Map.entry(FindAvailableSlotsQuery.class, AvailableSlots.class),
          Map.entry(PreviewSlotsQuery.class, AvailableSlots.class),
          Map.entry(FindBookingQuery.class, BookingView.class),
          Map.entry(FindCustomerBookingsQuery.class, BookingPage.class),
          Map.entry(FindProviderBookingsQuery.class, BookingPage.class),
          Map.entry(FindBookingNotificationsQuery.class, BookingNotifications.class),
          Map.entry(FindProviderInsightsQuery.class, ProviderInsights.class),
          Map.entry(RebuildInsightsQuery.class, InsightsRebuild.class),
          Map.entry(FindInsightsRebuildQuery.class, InsightsRebuild.class),
          Map.entry(FindBookingAuditEventsQuery.class, BookingAuditEvents.class),
          Map.entry(FindBookingAsOfQuery.class, BookingView.class),
          Map.entry(FindProviderAuditEventsQuery.class, AuditEventPage.class));

  /** What the platform answers to the messages it matches. */
  private record Answer(Predicate<Object> matches, Function<Object, Object> answer) {}

  /** How a stubbed refusal travels: thrown by {@link Answer#answer}, rethrown as each bus does. */
  private static final class Refused extends RuntimeException {
    final Refusal refusal;

    Refused(Refusal refusal) {
      super(refusal.message(), null, false, false);
      this.refusal = refusal;
    }
  }

  private final List<Answer> answers = new CopyOnWriteArrayList<>();
  private final List<Object> sent = new CopyOnWriteArrayList<>();
  private final List<Object> unanswered = new CopyOnWriteArrayList<>();
  private final List<MetaData> commandMetaData = new CopyOnWriteArrayList<>();

  /** Handles its commands and queries on these (local) buses. */
  public StubPlatform(CommandBus commandBus, QueryBus queryBus) {
    for (Class<?> command : COMMANDS) {
      commandBus.subscribe(
          command.getName(),
          message -> {
            commandMetaData.add(message.getMetaData());
            try {
              return handle(message.getPayload());
            } catch (Refused refused) {
              throw refused.refusal.asException();
            }
          });
    }
    QUERIES.forEach(
        (query, answerType) ->
            queryBus.subscribe(
                query.getName(),
                answerType,
                message -> {
                  try {
                    return handle(message.getPayload());
                  } catch (Refused refused) {
                    // the query side's refusal, e.g. NOT_FOUND for slots of an unknown service
                    throw new QueryExecutionException(
                        refused.refusal.message(), null, refused.refusal);
                  }
                }));
  }

  /** What the platform does with exactly this message (equal to it). */
  public <T> When<T> on(T message) {
    return new When<>(message::equals);
  }

  /** What the platform does with any message of this type. */
  public <T> When<T> on(Class<T> type) {
    return new When<>(type::isInstance);
  }

  /** What the platform does with every command (a later {@link #on} of one wins). */
  public When<Object> onEveryCommand() {
    return new When<>(message -> COMMANDS.contains(message.getClass()));
  }

  /** The answer to the messages matched by {@link #on}. */
  public final class When<T> {

    private final Predicate<Object> matches;

    private When(Predicate<Object> matches) {
      this.matches = matches;
    }

    /** The platform answers this (a command's result, a query's view). */
    public void answer(Object answer) {
      answerWith(message -> answer);
    }

    /** The platform answers what {@code answer} makes of the message (e.g. a receipt of its id). */
    @SuppressWarnings("unchecked")
    public void answerWith(Function<T, ?> answer) {
      answers.add(new Answer(matches, message -> answer.apply((T) message)));
    }

    /** A command that succeeds without an answer. */
    public void succeed() {
      answer(null);
    }

    /** A query whose read model has nothing (an unknown id). */
    public void answerNothing() {
      answer(null);
    }

    /** The platform refuses it with {@code code}, as the command or query side does. */
    public void refuse(RefusalCode code) {
      answerWith(
          message -> {
            throw new Refused(new Refusal(code, "refused by the test as " + code));
          });
    }
  }

  /** Every message of {@code type} the bff sent, in order. */
  public <T> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The one message of {@code type} the bff sent; fails unless it sent exactly one. */
  public <T> T onlySent(Class<T> type) {
    List<T> sent = sent(type);
    if (sent.size() != 1) {
      throw new AssertionError("Expected one " + type.getSimpleName() + " sent, not " + sent);
    }
    return sent.get(0);
  }

  /** Every command the bff sent, in order (queries aside). */
  public List<Object> commands() {
    return sent.stream().filter(m -> COMMANDS.contains(m.getClass())).toList();
  }

  /** The metadata of every command the bff sent, in order. */
  public List<MetaData> commandMetaData() {
    return List.copyOf(commandMetaData);
  }

  /** The messages the bff sent that no answer matched. */
  public List<Object> unanswered() {
    return List.copyOf(unanswered);
  }

  /** No answers, nothing sent: how every test starts. */
  public void reset() {
    answers.clear();
    sent.clear();
    commandMetaData.clear();
    unanswered.clear();
  }

  private Object handle(Object message) {
    sent.add(message);
    for (int i = answers.size() - 1; i >= 0; i--) {
      Answer answer = answers.get(i);
      if (answer.matches().test(message)) {
        return answer.answer().apply(message);
      }
    }
    unanswered.add(message);
    throw new IllegalStateException("The test gave the platform no answer to " + message);
  }
}
