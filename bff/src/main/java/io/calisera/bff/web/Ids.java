package io.calisera.bff.web;

/**
 * What an id in a path or body may look like: ids are opaque (UUIDs today) and slugs are {@code
 * [a-z0-9-]{3,40}}; anything else is refused with 400 before it reaches the platform.
 */
public final class Ids {

  /** For {@code @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)}. */
  public static final String PATTERN = "[A-Za-z0-9_-]{1,100}";

  public static final String MESSAGE = "must be an id: 1 to 100 letters, digits, '-' or '_'";

  private Ids() {}
}
