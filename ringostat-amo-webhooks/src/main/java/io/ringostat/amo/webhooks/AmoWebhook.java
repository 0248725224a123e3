package io.ringostat.amo.webhooks;

import io.ringostat.amo.core.plan.EntityType;
import java.util.List;
import java.util.Optional;

/**
 * What one amoCRM webhook delivery says, as far as routing cares: the account it came from and the
 * entities it touched, with the phones a contact or company carries.
 *
 * @param subdomain {@code account[subdomain]}, empty when absent
 * @param accountId {@code account[id]}, when present and numeric
 * @param changes every entity of every event in the delivery, in order
 */
public record AmoWebhook(String subdomain, Optional<Long> accountId, List<Change> changes) {

  public AmoWebhook {
    changes = List.copyOf(changes);
  }

  /**
   * One entity an event touched.
   *
   * @param event the event key, e.g. {@code update}, {@code responsible}, {@code status}
   * @param type a contact, a company (sent under {@code contacts} with {@code type=company}) or a
   *     deal ({@code leads})
   * @param phones the values of the entity's PHONE field in the payload; leads carry none
   */
  public record Change(String event, EntityType type, long id, List<String> phones) {
    public Change {
      phones = List.copyOf(phones);
    }

    @Override
    public String toString() {
      // Phones stay out of logs.
      return "Change[" + event + " " + type + " " + id + ", " + phones.size() + " phone(s)]";
    }
  }
}
