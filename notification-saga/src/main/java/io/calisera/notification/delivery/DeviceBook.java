package io.calisera.notification.delivery;

import java.util.List;

/** The push devices an account has registered (the devices feature keeps them). */
public interface DeviceBook {

  /**
   * @param platform {@code FCM}, {@code APNS} or {@code WEBPUSH}
   */
  record Device(String platform, String token) {}

  /**
   * The account's devices once every device event up to the global position {@code asOf} is
   * applied: a notice about a booking change reaches the devices registered before that change, and
   * none removed before it.
   *
   * @param asOf {@code null}: as they are now
   * @throws DeliveryFailure when the devices do not reach that position soon; try again later
   */
  List<Device> of(String accountId, Long asOf) throws DeliveryFailure;
}
