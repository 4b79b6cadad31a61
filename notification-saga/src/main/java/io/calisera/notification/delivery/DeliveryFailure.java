package io.calisera.notification.delivery;

/**
 * A message that was not accepted. A {@code permanent} one is given up at once (an address the
 * gateway refuses for good); any other is tried again later.
 */
public class DeliveryFailure extends Exception {

  private final boolean permanent;

  public DeliveryFailure(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public static DeliveryFailure transientFailure(String message, Throwable cause) {
    return new DeliveryFailure(message, false, cause);
  }

  public static DeliveryFailure permanentFailure(String message) {
    return new DeliveryFailure(message, true, null);
  }

  public boolean permanent() {
    return permanent;
  }
}
