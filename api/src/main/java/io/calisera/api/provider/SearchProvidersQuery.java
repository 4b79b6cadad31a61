package io.calisera.api.provider;

import io.calisera.api.common.Require;

/**
 * The directory: providers whose name, bio, category or city contain {@code text}
 * (case-insensitive), filtered by exact category and city when given; paged, sorted by name.
 *
 * @param page zero-based
 */
public record SearchProvidersQuery(String text, String category, String city, int page, int size) {

  public static final int MAX_PAGE_SIZE = 100;

  public SearchProvidersQuery {
    Require.optionalText(text, "q", 200);
    Require.optionalText(category, "category", 100);
    Require.optionalText(city, "city", 100);
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, was " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
  }
}
