package io.calisera.notification.delivery;

import io.calisera.api.account.AccountView;
import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind.Audience;
import io.calisera.api.provider.ProviderView;
import io.calisera.notification.notice.BookingFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who gets a notice on which channel: the customer by email, by SMS when the booking has a phone
 * number, and by push on their account's devices; the owner by email to their account's address and
 * by push on their devices (owners have no phone number on record).
 */
final class Addressing {

  private final Directory directory;
  private final DeviceBook devices;

  Addressing(Directory directory, DeviceBook devices) {
    this.directory = directory;
    this.devices = devices;
  }

  List<Recipient> recipients(StoredNotice stored) throws DeliveryFailure {
    BookingFacts booking = stored.notice().booking();
    List<Recipient> recipients = new ArrayList<>();
    if (stored.notice().kind().audience() == Audience.CUSTOMER) {
      String name = booking.customer().name();
      recipients.add(Recipient.email(booking.customer().email(), name));
      if (booking.customer().phone() != null) {
        recipients.add(Recipient.sms(booking.customer().phone(), name));
      }
      addDevices(recipients, booking.customerAccountId(), name, stored.eventPosition());
      return recipients;
    }
    Optional<String> owner =
        directory.provider(booking.providerId()).map(ProviderView::ownerAccountId);
    if (owner.isEmpty()) {
      throw DeliveryFailure.transientFailure(
          "the read models do not know provider " + booking.providerId() + " yet", null);
    }
    Optional<AccountView> account = directory.account(owner.get());
    if (account.isEmpty()) {
      throw DeliveryFailure.transientFailure(
          "the read models do not know the owner's account " + owner.get() + " yet", null);
    }
    recipients.add(Recipient.email(account.get().email(), account.get().name()));
    addDevices(recipients, owner.get(), account.get().name(), stored.eventPosition());
    return recipients;
  }

  private void addDevices(List<Recipient> recipients, String accountId, String name, Long asOf)
      throws DeliveryFailure {
    if (accountId == null) {
      return; // a guest has no devices
    }
    devices
        .of(accountId, asOf)
        .forEach(device -> recipients.add(Recipient.push(device.platform(), device.token(), name)));
  }

  /** The channels of {@code recipients}, for logs. */
  static List<NotificationChannel> channels(List<Recipient> recipients) {
    return recipients.stream().map(Recipient::channel).distinct().toList();
  }
}
