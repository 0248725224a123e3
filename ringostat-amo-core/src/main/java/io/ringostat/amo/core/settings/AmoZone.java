package io.ringostat.amo.core.settings;

/** The amoCRM platform an account lives on. */
public enum AmoZone {
  /** {@code https://{subdomain}.amocrm.ru} (Russian platform). */
  AMOCRM_RU("amocrm.ru"),
  /** {@code https://{subdomain}.amocrm.com}. */
  AMOCRM_COM("amocrm.com"),
  /** {@code https://{subdomain}.kommo.com} (international). */
  KOMMO_COM("kommo.com");

  private final String domain;

  AmoZone(String domain) {
    this.domain = domain;
  }

  /** The registrable domain, e.g. "amocrm.ru". */
  public String domain() {
    return domain;
  }
}
