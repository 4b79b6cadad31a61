package io.calisera.api.provider;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of provider slugs: {@code [a-z0-9-]{3,40}}, unique platform-wide. */
public final class Slugs {

  public static final Pattern VALID = Pattern.compile("[a-z0-9-]{3,40}");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Slugs() {}

  public static boolean isValid(String slug) {
    return slug != null && VALID.matcher(slug).matches();
  }

  /**
   * A slug made from a display name: accents dropped, lower case, runs of other characters turned
   * into one hyphen, cut to fit; padded when the name has too few usable characters ("Zoë's Café"
   * gives {@code zoe-s-cafe}).
   */
  public static String fromName(String displayName) {
    String ascii =
        MARKS.matcher(Normalizer.normalize(displayName, Normalizer.Form.NFD)).replaceAll("");
    String slug = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug.length() > 32 ? slug.substring(0, 32) : slug);
    return slug.length() >= 3 ? slug : trimHyphens("provider-" + slug);
  }

  /** The {@code n}th alternative for a taken slug: {@code name-2}, {@code name-3}, ... */
  public static String variant(String slug, int n) {
    String suffix = "-" + n;
    String base =
        slug.length() + suffix.length() > 40 ? slug.substring(0, 40 - suffix.length()) : slug;
    return trimHyphens(base) + suffix;
  }

  private static String trimHyphens(String slug) {
    int from = 0;
    int to = slug.length();
    while (from < to && slug.charAt(from) == '-') {
      from++;
    }
    while (to > from && slug.charAt(to - 1) == '-') {
      to--;
    }
    return slug.substring(from, to);
  }
}
