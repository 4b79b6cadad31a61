package io.calisera.api.provider;

import io.calisera.api.common.Require;
import java.time.ZoneId;

/** The validation shared by the commands that set a provider's profile. */
final class ProviderProfile {

  private ProviderProfile() {}

  static void validate(
      String displayName, String slug, ZoneId timeZone, String bio, String category, String city) {
    Require.text(displayName, "displayName", 200);
    if (slug != null && !Slugs.isValid(slug)) {
      throw new IllegalArgumentException("slug must match [a-z0-9-]{3,40}, was " + slug);
    }
    Require.notNull(timeZone, "timeZone");
    Require.optionalText(bio, "bio", 4000);
    Require.optionalText(category, "category", 100);
    Require.optionalText(city, "city", 100);
  }
}
