package io.calisera.notification.delivery;

import io.calisera.api.notification.NotificationChannel;

/**
 * Sends letters over one channel. Each channel has one; a channel whose gateway is not configured
 * says so, and its messages are recorded {@code SKIPPED} instead of sent.
 */
public interface Courier {

  NotificationChannel channel();

  /** Whether the channel's gateway is configured; if not, nothing is ever sent through it. */
  boolean configured();

  /**
   * Sends {@code letter}, returning once the gateway has accepted it.
   *
   * @throws DeliveryFailure when it was not accepted
   */
  void send(Letter letter) throws DeliveryFailure;
}
