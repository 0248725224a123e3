package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Opens unsorted requests (from {@code unsorted/sip} and from {@code leads/complex} with metadata)
 * and enforces that two pending requests never share a caller's number (reference §7.1: "two
 * identical entities cannot be in Unsorted").
 */
final class UnsortedBook {
  private final Env env;
  private final EntityWriter writer;

  UnsortedBook(Env env, EntityWriter writer) {
    this.env = env;
    this.writer = writer;
  }

  /**
   * The caller's number of a request, as last ten digits: the embedded contact's first PHONE value,
   * else {@code metadata.from}, else {@code metadata.phone}; empty when none has 7+ digits.
   */
  static String callerDigits(Drafts.Contact contact, JsonNode metadata) {
    if (contact != null && contact.fields != null) {
      for (FieldData f : contact.fields) {
        if ("PHONE".equals(f.def().code()) && !f.items().isEmpty()) {
          return significant(f.items().get(0).value());
        }
      }
    }
    if (metadata != null && metadata.isObject()) {
      for (String key : new String[] {"from", "phone"}) {
        JsonNode n = metadata.get(key);
        if (n != null && n.isValueNode() && !significant(n.asText()).isEmpty()) {
          return significant(n.asText());
        }
      }
    }
    return "";
  }

  private static String significant(String phone) {
    String d = Phones.lastTen(phone);
    return d.length() >= 7 ? d : "";
  }

  /** Files NotUnique when {@code digits} is already pending, or earlier in the same batch. */
  void checkDuplicate(String digits, Set<String> batch, Validation.Item v, String path) {
    if (digits.isEmpty()) {
      return;
    }
    boolean pending =
        env.store.unsorted.values().stream()
            .anyMatch(
                u -> u.state == UnsortedEntity.State.PENDING && digits.equals(u.callerDigits));
    if (pending || !batch.add(digits)) {
      v.error(
          Validation.NOT_UNIQUE,
          path,
          "An unsorted request with this phone number is already pending.");
    }
  }

  /**
   * Creates the hidden contact/company and the lead in its pipeline's Unsorted stage, and the
   * pending request holding them.
   */
  UnsortedEntity open(
      String sourceUid,
      String sourceName,
      String category,
      Long createdAt,
      ObjectNode metadata,
      Drafts.Lead lead,
      Drafts.Contact contact,
      Drafts.Company company,
      String callerDigits,
      long actor) {
    long now = env.now();
    long created = createdAt != null ? createdAt : now;
    EntityWriter.Complex made = writer.createComplex(lead, contact, company, true, actor, now);
    LeadEntity l = made.lead();
    UnsortedEntity u =
        new UnsortedEntity(
            env.store.newUid(),
            sourceUid,
            sourceName,
            category,
            l.pipelineId,
            created,
            metadata,
            l.id,
            made.contactId(),
            made.companyId(),
            callerDigits);
    env.store.unsorted.put(u.uid, u);
    return u;
  }
}
