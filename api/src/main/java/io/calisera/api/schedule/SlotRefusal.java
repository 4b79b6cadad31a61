package io.calisera.api.schedule;

import io.calisera.api.common.RefusalCode;

/**
 * Why a requested start is not bookable (docs/api.md rule 5). The names are the contract's error
 * codes. {@link SlotEngine#check} reports the first that applies, in declaration order.
 */
public enum SlotRefusal {
  /** The start is before {@code now}. 422. */
  IN_THE_PAST,
  /**
   * No window's grid has this start, or the slot does not fit into the merged window that contains
   * it. 422.
   */
  NOT_A_SLOT,
  /** On the grid, but earlier than {@code now + minimumNoticeMinutes}. 422. */
  INSIDE_MINIMUM_NOTICE,
  /** On the grid, but on a provider-local date after today + {@code maxDaysInAdvance}. 422. */
  BEYOND_BOOKING_HORIZON,
  /** A slot that would be offered, but it overlaps a live booking (buffers included). 409. */
  SLOT_TAKEN;

  /**
   * Whether the refusal comes from the current state of the calendar (409) rather than from the
   * request itself, which can never succeed as stated (422).
   */
  public boolean isConflict() {
    return this == SLOT_TAKEN;
  }

  /**
   * The refusal code a command gets for this start. Exhaustive, so that a new reason does not
   * compile until it has its code.
   */
  public RefusalCode code() {
    return switch (this) {
      case IN_THE_PAST -> RefusalCode.IN_THE_PAST;
      case NOT_A_SLOT -> RefusalCode.NOT_A_SLOT;
      case INSIDE_MINIMUM_NOTICE -> RefusalCode.INSIDE_MINIMUM_NOTICE;
      case BEYOND_BOOKING_HORIZON -> RefusalCode.BEYOND_BOOKING_HORIZON;
      case SLOT_TAKEN -> RefusalCode.SLOT_TAKEN;
    };
  }
}
