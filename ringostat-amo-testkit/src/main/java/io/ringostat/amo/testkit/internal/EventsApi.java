package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v2/events}: the incoming-call popup (reference §12). Finds the oldest listed
 * contact whose PHONE ends with the same last 8 digits (Kommo's rule), then its only open lead if
 * it has exactly one; {@code element_type} 1 = contact, 2 = lead (v2 codes, unconfirmed), both null
 * when nothing is found. Answers 200 (a 202 is reported by a third party, unconfirmed).
 */
final class EventsApi {
  private final Env env;

  EventsApi(Env env) {
    this.env = env;
  }

  void register(Router router) {
    router.add("POST", "/api/v2/events", (r, m) -> add(r));
  }

  ApiResponse add(ApiRequest r) {
    JsonNode body = r.json();
    JsonNode add = body.isObject() ? body.get("add") : null;
    if (add == null || !add.isArray() || add.isEmpty()) {
      return Problems.badRequest("Field 'add' must be a non-empty array");
    }
    Validation.checkBatchSize(add.size(), 50);
    for (JsonNode e : add) {
      if (!e.isObject()
          || !"phone_call".equals(text(e, "type"))
          || text(e, "phone_number") == null
          || text(e, "phone_number").isBlank()) {
        return Problems.badRequest("Each event needs type 'phone_call' and a phone_number");
      }
    }
    ObjectNode o = Json.object();
    ArrayNode items = o.putObject("_embedded").putArray("items");
    long now = env.now();
    for (JsonNode e : add) {
      String phone = text(e, "phone_number");
      List<Long> users = new ArrayList<>();
      JsonNode u = e.get("users");
      if (u != null && u.isArray()) {
        u.forEach(x -> users.add(x.asLong()));
      }
      Long elementId = null;
      Integer elementType = null;
      String last8 = Phones.lastDigits(phone, 8);
      Optional<ContactEntity> contact =
          env.store.listedContacts().stream()
              .filter(
                  c ->
                      !last8.isEmpty()
                          && c.phones().stream()
                              .anyMatch(p -> Phones.lastDigits(p, 8).equals(last8)))
              .min(Comparator.comparingLong(c -> c.id));
      if (contact.isPresent()) {
        List<LeadEntity> open = env.store.openLeadsOf(contact.get().id);
        elementId = open.size() == 1 ? open.get(0).id : contact.get().id;
        elementType = open.size() == 1 ? 2 : 1;
      }
      CallEventEntity ev =
          new CallEventEntity(env.store.hex(16), phone, users, elementId, elementType, now);
      env.store.callEvents.add(ev);
      ObjectNode item = items.addObject();
      item.put("element_id", elementId);
      item.put("element_type", elementType);
      item.put("uid", ev.uid());
      item.put("phone_number", phone);
    }
    return ApiResponse.json(200, o);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
