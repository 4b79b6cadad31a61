package io.calisera.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void aSlugFromANameDropsAccentsAndJoinsWordsWithHyphens() {
    assertThat(Slugs.fromName("Zoë's Café")).isEqualTo("zoe-s-cafe");
    assertThat(Slugs.fromName("  Dr. Müller & Söhne  ")).isEqualTo("dr-muller-sohne");
  }

  @Test
  void aNameWithTooFewUsableCharactersStillGivesAValidSlug() {
    assertThat(Slugs.fromName("李")).isEqualTo("provider");
    assertThat(Slugs.fromName("Al")).isEqualTo("provider-al");
    assertThat(Slugs.isValid(Slugs.fromName("!!"))).isTrue();
  }

  @Test
  void longNamesAreCutAndVariantsStayWithinTheLimit() {
    String slug = Slugs.fromName("The Very Long Name Of A Hair Studio In The Middle Of Town");
    assertThat(slug).hasSizeLessThanOrEqualTo(32).doesNotEndWith("-");
    assertThat(Slugs.variant("a".repeat(40), 12)).hasSize(40).endsWith("-12");
    assertThat(Slugs.isValid(Slugs.variant(slug, 2))).isTrue();
  }

  @Test
  void onlyLowerCaseLettersDigitsAndHyphensOfThreeToFortyCharactersAreValid() {
    assertThat(Slugs.isValid("studio-lima")).isTrue();
    assertThat(Slugs.isValid("ab")).isFalse();
    assertThat(Slugs.isValid("Studio")).isFalse();
    assertThat(Slugs.isValid("a_b")).isFalse();
    assertThat(Slugs.isValid("a".repeat(41))).isFalse();
    assertThat(Slugs.isValid(null)).isFalse();
  }
}
