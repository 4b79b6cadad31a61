package io.calisera.notification.delivery;

import java.util.List;

/** The push devices an account has registered (the devices feature keeps them). */
public interface DeviceBook {

  /**
   * @param platform {@code FCM}, {@code APNS} or {@code WEBPUSH}
   */
  record Device(String platform, String token) {}

  List<Device> of(String accountId);
}
