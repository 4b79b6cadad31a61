package io.calisera.command.booking;

import io.calisera.api.booking.BookingReceipt;
import io.calisera.api.booking.PlaceBookingCommand;
import io.calisera.command.common.DomainComponent;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/**
 * Places bookings with their idempotency keys: the booking (on the provider's calendar) and the
 * spent key are stored by one atomic append, so a key is spent exactly when its booking exists.
 *
 * <p>The provider is loaded first: its lock makes a repeat of a request that is still running on
 * this instance wait for it and then find its answer. A repeat racing on another instance fails
 * with the event store's sequence conflict and finds the answer on its retry.
 */
@DomainComponent
final class BookingPlacement {

  private final Repository<? extends CalendarHolder> providers;
  private final IdempotencyRecords idempotency;

  BookingPlacement(Repository<? extends CalendarHolder> providers, IdempotencyRecords idempotency) {
    this.providers = providers;
    this.idempotency = idempotency;
  }

  @CommandHandler
  BookingReceipt handle(PlaceBookingCommand command) throws Exception {
    Aggregate<? extends CalendarHolder> provider = providers.load(command.providerId());
    if (command.idempotency() != null) {
      Optional<BookingReceipt> earlier = idempotency.earlierAnswer(command.idempotency());
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    BookingReceipt receipt = provider.invoke(p -> p.calendar().place(command));
    if (command.idempotency() != null) {
      idempotency.remember(command.idempotency(), receipt, command.actor(), command.at());
    }
    return receipt;
  }
}
