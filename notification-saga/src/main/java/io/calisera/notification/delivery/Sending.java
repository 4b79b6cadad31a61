package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;
import io.calisera.api.notification.NotificationKind.Audience;
import io.calisera.api.provider.ProviderView;
import io.calisera.api.provider.ServiceView;
import io.calisera.notification.notice.Notice;
import java.time.ZoneId;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One attempt of one delivery: the letter made, handed to its channel's courier, recorded. */
final class Sending {

  private static final Logger log = LoggerFactory.getLogger(Sending.class);

  private final Deliveries deliveries;
  private final Directory directory;
  private final Map<NotificationChannel, Courier> couriers;
  private final Retries retries;

  Sending(
      Deliveries deliveries,
      Directory directory,
      Map<NotificationChannel, Courier> couriers,
      Retries retries) {
    this.deliveries = deliveries;
    this.directory = directory;
    this.couriers = couriers;
    this.retries = retries;
  }

  void attempt(Claimed delivery) {
    try {
      couriers.get(delivery.channel()).send(letter(delivery));
      deliveries.sent(delivery);
    } catch (DeliveryFailure failure) {
      boolean giveUp = failure.permanent() || retries.exhausted(delivery.attempts());
      log.info(
          "{} {} to {} failed (attempt {}{}): {}",
          delivery.channel(),
          delivery.id(),
          delivery.recipient(),
          delivery.attempts(),
          giveUp ? ", given up" : "",
          failure.getMessage());
      deliveries.failed(
          delivery, failure.getMessage(), giveUp ? null : retries.after(delivery.attempts()));
    } catch (RuntimeException unexpected) {
      log.warn("{} {} failed unexpectedly", delivery.channel(), delivery.id(), unexpected);
      deliveries.failed(delivery, unexpected.toString(), retries.after(delivery.attempts()));
    }
  }

  private Letter letter(Claimed delivery) throws DeliveryFailure {
    Notice notice =
        deliveries
            .notice(delivery.noticeId())
            .orElseThrow(() -> new IllegalStateException("no notice " + delivery.noticeId()))
            .notice();
    String providerId = notice.booking().providerId();
    ProviderView provider =
        directory
            .provider(providerId)
            .orElseThrow(
                () ->
                    DeliveryFailure.transientFailure(
                        "the read models do not know provider " + providerId + " yet", null));
    boolean toCustomer = notice.kind().audience() == Audience.CUSTOMER;
    ZoneId zone =
        toCustomer && notice.booking().customer().timeZone() != null
            ? notice.booking().customer().timeZone()
            : provider.timeZone();
    String serviceName =
        provider.services().stream()
            .filter(service -> service.serviceId().equals(notice.booking().serviceId()))
            .map(ServiceView::definition)
            .map(definition -> definition.name())
            .findFirst()
            .orElse("Appointment");
    String manageUrl =
        toCustomer && delivery.channel() == NotificationChannel.EMAIL
            ? directory.manageUrl(notice.booking().bookingId()).orElse(null)
            : null;
    return new Letter(
        "delivery-" + delivery.id(),
        notice,
        delivery.channel(),
        delivery.address(),
        delivery.platform(),
        toCustomer ? notice.booking().customer().name() : null,
        zone,
        provider.displayName(),
        serviceName,
        manageUrl);
  }
}
