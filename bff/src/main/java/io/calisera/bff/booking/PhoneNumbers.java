package io.calisera.bff.booking;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.calisera.bff.web.ApiProblem;

/**
 * Customers' phone numbers, validated with libphonenumber and stored in E.164 ({@code
 * +491701234567}). A number must carry its country code ({@code +49 170 1234567}, spaces, dashes,
 * dots and parentheses allowed): the bff cannot know which country a guest dials from, and guessing
 * one (from the provider's zone, say) would send reminders to a stranger's number when the guess is
 * wrong. A number without one is 400 asking for it.
 */
final class PhoneNumbers {

  private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();

  /** Long enough for any real number with separators, short enough to parse cheaply. */
  static final int MAX_LENGTH = 40;

  private PhoneNumbers() {}

  /** The number in E.164; {@code null} for none (absent or blank). */
  static String e164(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.length() > MAX_LENGTH) {
      throw ApiProblem.invalid(field, "must have at most " + MAX_LENGTH + " characters");
    }
    if (!trimmed.startsWith("+")) {
      throw ApiProblem.invalid(
          field, "must start with + and the country code, e.g. +49 170 1234567");
    }
    PhoneNumber number;
    try {
      number = NUMBERS.parse(trimmed, "ZZ");
    } catch (NumberParseException e) {
      throw ApiProblem.invalid(field, "is not a phone number");
    }
    if (!NUMBERS.isValidNumber(number)) {
      throw ApiProblem.invalid(field, "is not a valid phone number");
    }
    return NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }
}
