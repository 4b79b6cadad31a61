package io.calisera.axonserver.access;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A client of the hub as its token identifies it: a name (the service, e.g. {@code bff}) and what
 * it may do.
 */
public final class Application {

  private final String name;
  private final Set<Right> rights;
  private final String rightNames;

  public Application(String name, Set<Right> rights) {
    this.name = name;
    this.rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    // every dispatched command carries these (Dispatcher): computed once
    this.rightNames =
        this.rights.stream().map(Right::wireName).sorted().collect(Collectors.joining(","));
  }

  public String name() {
    return name;
  }

  public Set<Right> rights() {
    return rights;
  }

  /** Whether the application holds {@code right}, directly or through one that includes it. */
  public boolean may(Right right) {
    for (Right held : rights) {
      if (held.grants(right)) {
        return true;
      }
    }
    return false;
  }

  /** The rights by name, sorted and comma-separated, as the applications file lists them. */
  public String rightNames() {
    return rightNames;
  }

  @Override
  public String toString() {
    return name + " (" + rightNames + ")";
  }
}
