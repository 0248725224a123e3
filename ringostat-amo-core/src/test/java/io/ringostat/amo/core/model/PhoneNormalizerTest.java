package io.ringostat.amo.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone normalization examples (R-PHONE). */
class PhoneNormalizerTest {
  private static final PhoneNormalizer UA = PhoneNormalizer.forCountry("UA");
  private static final PhoneNormalizer RU = PhoneNormalizer.forCountry("RU");

  @ParameterizedTest(name = "R-PHONE UA: ''{0}'' is 380441234567")
  @ValueSource(strings = {"+380 44 123-45-67", "+380441234567", "380441234567", "00380441234567",
      "0441234567", "044 123 45 67", "(044) 123-45-67", "+38 044 123 45 67", "tel:+380441234567",
      " +380 (44) 123 45 67 ", "+380.44.123.45.67"})
  void ukrainianFormats(String raw) {
    assertThat(UA.normalize(raw)).isEqualTo(
        new PhoneParse.Valid(raw, new PhoneNumber("380441234567")));
  }

  @ParameterizedTest(name = "R-PHONE RU: ''{0}'' is {1}")
  @CsvSource({
      "8 916 123-45-67, 79161234567",
      "89161234567, 79161234567",
      "+7 916 123 45 67, 79161234567",
      "79161234567, 79161234567",
      "8 (495) 123-45-67, 74951234567",
      "84951234567, 74951234567",
      "8 812 123-45-67, 78121234567",
      "8 800 555-35-35, 78005553535",
      "+380 44 123 45 67, 380441234567",
      "810 380 44 123 45 67, 380441234567"})
  void russianFormats(String raw, String digits) {
    assertThat(RU.normalize(raw).number()).contains(new PhoneNumber(digits));
  }

  @Test
  @DisplayName("R-PHONE a Moscow landline in local format is Moscow, not Vietnam (+84)")
  void moscowIsNotVietnam() {
    assertThat(RU.normalize("8 495 123-45-67").number()).contains(new PhoneNumber("74951234567"));
    // written internationally, the Vietnamese number stays Vietnamese
    assertThat(RU.normalize("+84 95 123 45 67").number()).contains(new PhoneNumber("84951234567"));
  }

  @ParameterizedTest(name = "R-PHONE ''{0}'' is invalid: {1}")
  @CsvSource(delimiter = '|', value = {
      "anonymous|ANONYMOUS",
      "Anonymous|ANONYMOUS",
      "private|ANONYMOUS",
      "unknown|ANONYMOUS",
      "''|EMPTY",
      "'   '|EMPTY",
      "12|TOO_SHORT",
      "101|TOO_SHORT",
      "123456|TOO_SHORT",
      "abc|NOT_A_NUMBER",
      "555-CALL-NOW|NOT_A_NUMBER",
      "+|NOT_A_NUMBER",
      "912345678901234567890|TOO_LONG"})
  void invalidNumbers(String raw, PhoneProblem problem) {
    assertThat(UA.normalize(raw)).isEqualTo(new PhoneParse.Invalid(raw, problem));
  }

  @Test
  @DisplayName("R-PHONE null is an empty number, not an exception")
  void nullIsEmpty() {
    assertThat(UA.normalize(null)).isEqualTo(new PhoneParse.Invalid("", PhoneProblem.EMPTY));
  }

  @Test
  @DisplayName("R-PHONE a normalized number normalizes to itself")
  void idempotent() {
    PhoneNumber n = UA.normalize("(044) 123-45-67").number().orElseThrow();
    assertThat(UA.normalize(n.digits()).number()).contains(n);
    assertThat(UA.normalize(n.e164()).number()).contains(n);
    assertThat(UA.normalize(n.toString()).number()).contains(n);
  }

  @Test
  @DisplayName("R-PHONE R-IN-3 an unknown default country is rejected naming it")
  void unknownCountry() {
    assertThatThrownBy(() -> PhoneNormalizer.forCountry("XX"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    assertThat(PhoneNormalizer.forCountry("ua").defaultCountry()).isEqualTo("UA");
  }

  @Test
  @DisplayName("R-PHONE a number has an E.164 form, a masked form for logs and its last ten"
      + " digits")
  void phoneNumberForms() {
    PhoneNumber n = new PhoneNumber("380441234567");
    assertThat(n.e164()).isEqualTo("+380441234567");
    assertThat(n.masked()).isEqualTo("+********4567");
    assertThat(n.lastTen()).isEqualTo("0441234567");
    assertThatThrownBy(() -> new PhoneNumber("12345")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhoneNumber("38044123456a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
