package io.calisera.api.schedule;

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
}
