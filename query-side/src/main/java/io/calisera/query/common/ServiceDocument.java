package io.calisera.query.common;

import io.calisera.api.provider.Money;
import io.calisera.api.provider.ServiceDefinition;
import io.calisera.api.schedule.SlotSettings;
import java.math.BigDecimal;
import java.util.List;

/**
 * A service as stored in documents; the price amount as text keeps its scale.
 *
 * @param reminderMinutes {@code null} in documents written before services had reminders: the
 *     default
 */
public record ServiceDocument(
    String serviceId,
    String name,
    int durationMinutes,
    int bufferBeforeMinutes,
    int bufferAfterMinutes,
    int slotIntervalMinutes,
    int minimumNoticeMinutes,
    int maxDaysInAdvance,
    String priceAmount,
    String priceCurrency,
    int cancellationNoticeMinutes,
    boolean requiresConfirmation,
    boolean active,
    List<Integer> reminderMinutes) {

  public static ServiceDocument of(String serviceId, ServiceDefinition definition, boolean active) {
    SlotSettings slots = definition.slots();
    Money price = definition.price();
    return new ServiceDocument(
        serviceId,
        definition.name(),
        slots.durationMinutes(),
        slots.bufferBeforeMinutes(),
        slots.bufferAfterMinutes(),
        slots.slotIntervalMinutes(),
        slots.minimumNoticeMinutes(),
        slots.maxDaysInAdvance(),
        price == null ? null : price.amount().toPlainString(),
        price == null ? null : price.currency(),
        definition.cancellationNoticeMinutes(),
        definition.requiresConfirmation(),
        active,
        definition.reminderMinutes());
  }

  public SlotSettings slotSettings() {
    return new SlotSettings(
        durationMinutes,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        slotIntervalMinutes,
        minimumNoticeMinutes,
        maxDaysInAdvance);
  }

  public ServiceDefinition definition() {
    Money price =
        priceAmount == null ? null : new Money(new BigDecimal(priceAmount), priceCurrency);
    return new ServiceDefinition(
        name,
        slotSettings(),
        price,
        cancellationNoticeMinutes,
        requiresConfirmation,
        reminderMinutes);
  }

  public ServiceDocument deactivated() {
    return new ServiceDocument(
        serviceId,
        name,
        durationMinutes,
        bufferBeforeMinutes,
        bufferAfterMinutes,
        slotIntervalMinutes,
        minimumNoticeMinutes,
        maxDaysInAdvance,
        priceAmount,
        priceCurrency,
        cancellationNoticeMinutes,
        requiresConfirmation,
        false,
        reminderMinutes);
  }
}
