package io.calisera.bff.provider;

import io.calisera.api.provider.Money;
import io.calisera.api.provider.ServiceView;
import io.calisera.api.schedule.SlotSettings;
import java.util.List;

/**
 * A service as clients see it: every setting, defaults filled in.
 *
 * @param reminderMinutes minutes before the start at which its customers are reminded
 */
record ServiceResponse(
    String serviceId,
    String name,
    int durationMinutes,
    Price price,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int slotIntervalMinutes,
    int minimumNoticeMinutes,
    int maxDaysInAdvance,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    boolean active,
    List<Integer> reminderMinutes) {

  /** Informational only; {@code amount} as text keeps its scale ({@code "45.00"}). */
  record Price(String amount, String currency) {
    static Price of(Money money) {
      return money == null ? null : new Price(money.amount().toPlainString(), money.currency());
    }
  }

  static ServiceResponse of(ServiceView view) {
    SlotSettings slots = view.definition().slots();
    return new ServiceResponse(
        view.serviceId(),
        view.definition().name(),
        slots.durationMinutes(),
        Price.of(view.definition().price()),
        slots.bufferBeforeMinutes(),
        slots.bufferAfterMinutes(),
        slots.slotIntervalMinutes(),
        slots.minimumNoticeMinutes(),
        slots.maxDaysInAdvance(),
        view.definition().cancellationNoticeMinutes(),
        view.definition().requiresConfirmation(),
        view.active(),
        view.definition().reminderMinutes());
  }
}
