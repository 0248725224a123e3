package io.ringostat.amo.core.text;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the language of CRM texts (R-LANG): a pure function of the settings and of what amoCRM
 * reports. It calls no API; the caller passes the values it already has.
 *
 * <h2>What amoCRM reports, and what this relies on</h2>
 *
 * <ul>
 *   <li>{@code GET /api/v4/users} (admin rights): each user has {@code lang}, the language of that
 *       user's interface. amoCRM documents it as one of {@code ru}, {@code en}, {@code es}; Kommo
 *       may report others. <b>amoCRM has no Ukrainian interface</b>, so {@code lang} never says
 *       "Ukrainian": a team in Ukraine works in the Russian or English interface.
 *   <li>{@code GET /api/v4/account} (any user): {@code country}, the country in the account's
 *       settings, an ISO 3166-1 alpha-2 code such as {@code "RU"} (older API versions sent it in
 *       lower case; both are accepted). The same call with {@code with=datetime_settings} gives the
 *       account's time zone ({@code _embedded.datetime_settings.timezone}), which working hours use.
 * </ul>
 *
 * <h2>The rule, first match wins</h2>
 *
 * <ol>
 *   <li>the language set explicitly in the settings;
 *   <li>{@code country} {@code UA}: Ukrainian. This comes before {@code lang} because {@code lang}
 *       cannot express Ukrainian (see above); a team in Ukraine that wants Russian or English
 *       texts sets the language explicitly;
 *   <li>the admin user's {@code lang}, when it names a catalogue language ({@code ru}, {@code en};
 *       {@code uk}/{@code ua} too, should amoCRM ever add it): the person who set the integration up
 *       reads that language;
 *   <li>{@code country} in {@link #RUSSIAN_SPEAKING} ({@code RU}, {@code BY}, {@code KZ}, {@code
 *       KG}, {@code UZ}, {@code TJ}, {@code AM}, {@code AZ}, {@code MD}, {@code GE}): Russian, the
 *       common business language of amoCRM's Russian-language market;
 *   <li>otherwise English.
 * </ol>
 *
 * <p>Blank or unrecognised values count as absent. Pure and thread-safe.
 */
public final class LanguageChoice {
  /** Countries whose accounts get Russian when the admin's {@code lang} does not decide. */
  public static final Set<String> RUSSIAN_SPEAKING =
      Set.of("RU", "BY", "KZ", "KG", "UZ", "TJ", "AM", "AZ", "MD", "GE");

  private LanguageChoice() {}

  /**
   * The language to write CRM texts in.
   *
   * @param configured the settings' explicit language, if any
   * @param adminUserLang the {@code lang} of the admin user amoCRM reports (the user the
   *     integration was authorised by), if known
   * @param accountCountry the account's {@code country}, if known
   */
  public static Language choose(Optional<Language> configured, Optional<String> adminUserLang,
      Optional<String> accountCountry) {
    Objects.requireNonNull(configured, "configured");
    Objects.requireNonNull(adminUserLang, "adminUserLang");
    Objects.requireNonNull(accountCountry, "accountCountry");
    if (configured.isPresent()) {
      return configured.get();
    }
    String country = accountCountry.map(c -> c.trim().toUpperCase(Locale.ROOT)).orElse("");
    if (country.equals("UA")) {
      return Language.UK;
    }
    Optional<Language> fromLang = adminUserLang.flatMap(Language::fromCode);
    if (fromLang.isPresent()) {
      return fromLang.get();
    }
    return RUSSIAN_SPEAKING.contains(country) ? Language.RU : Language.EN;
  }
}
