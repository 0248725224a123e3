package io.ringostat.amo.webhooks;

import io.ringostat.amo.core.plan.EntityType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads amoCRM's webhook deliveries: {@code application/x-www-form-urlencoded} with nested keys
 * such as {@code contacts[update][0][id]}, {@code leads[responsible][0][responsible_user_id]},
 * {@code contacts[update][0][custom_fields][0][code]=PHONE} with {@code
 * …[custom_fields][0][values][0][value]}, and {@code account[subdomain]}. Companies come under
 * {@code contacts} with {@code type=company} (a {@code companies} key is read the same way). Unknown
 * keys are ignored. Pure and thread-safe.
 */
final class AmoWebhookForm {
  /** The most key-value pairs read; a delivery beyond is refused. */
  static final int MAX_PAIRS = 20_000;
  /** The deepest nesting read. */
  private static final int MAX_DEPTH = 12;

  private AmoWebhookForm() {}

  /**
   * Parses a delivery.
   *
   * @throws IllegalArgumentException when the body is not a form amoCRM could have sent
   */
  static AmoWebhook parse(String form) {
    Map<String, Object> root = tree(form);
    String subdomain = text(child(root, "account"), "subdomain").orElse("");
    Optional<Long> accountId = text(child(root, "account"), "id").flatMap(AmoWebhookForm::number);
    List<AmoWebhook.Change> changes = new ArrayList<>();
    entities(root, "contacts", EntityType.CONTACT, changes);
    entities(root, "companies", EntityType.COMPANY, changes);
    entities(root, "leads", EntityType.DEAL, changes);
    return new AmoWebhook(subdomain, accountId, changes);
  }

  private static void entities(Map<String, Object> root, String key, EntityType type,
      List<AmoWebhook.Change> out) {
    Map<String, Object> byEvent = child(root, key);
    for (Map.Entry<String, Object> event : byEvent.entrySet()) {
      if (!(event.getValue() instanceof Map<?, ?>)) {
        continue;
      }
      for (Object item : asMap(event.getValue()).values()) {
        if (!(item instanceof Map<?, ?>)) {
          continue;
        }
        Map<String, Object> entity = asMap(item);
        Optional<Long> id = text(entity, "id").flatMap(AmoWebhookForm::number);
        if (id.isEmpty()) {
          continue;
        }
        EntityType t = type == EntityType.CONTACT
            && text(entity, "type").filter("company"::equalsIgnoreCase).isPresent()
            ? EntityType.COMPANY : type;
        out.add(new AmoWebhook.Change(event.getKey(), t, id.get(),
            type == EntityType.DEAL ? List.of() : phones(entity)));
      }
    }
  }

  /** The values of the custom field whose {@code code} is PHONE. */
  private static List<String> phones(Map<String, Object> entity) {
    List<String> phones = new ArrayList<>();
    for (Object field : child(entity, "custom_fields").values()) {
      if (!(field instanceof Map<?, ?>)
          || text(asMap(field), "code").filter("PHONE"::equalsIgnoreCase).isEmpty()) {
        continue;
      }
      for (Object v : child(asMap(field), "values").values()) {
        if (v instanceof Map<?, ?>) {
          text(asMap(v), "value").filter(s -> !s.isBlank()).ifPresent(phones::add);
        } else if (v instanceof String s && !s.isBlank()) {
          phones.add(s);
        }
      }
    }
    return phones;
  }

  // --- the nested-key tree ------------------------------------------------------------------

  private static Map<String, Object> tree(String form) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (form.isBlank()) {
      return root;
    }
    String[] pairs = form.strip().split("&");
    if (pairs.length > MAX_PAIRS) {
      throw new IllegalArgumentException("more than " + MAX_PAIRS + " form fields");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      put(root, path(key), value);
    }
    return root;
  }

  /** {@code a[b][0]} → [a, b, 0]. */
  private static List<String> path(String key) {
    List<String> out = new ArrayList<>();
    int open = key.indexOf('[');
    out.add(open < 0 ? key : key.substring(0, open));
    while (open >= 0) {
      int close = key.indexOf(']', open);
      if (close < 0) {
        throw new IllegalArgumentException("a form key has an unclosed '['");
      }
      out.add(key.substring(open + 1, close));
      open = key.indexOf('[', close);
    }
    if (out.size() > MAX_DEPTH) {
      throw new IllegalArgumentException("a form key nests deeper than " + MAX_DEPTH);
    }
    return out;
  }

  private static void put(Map<String, Object> root, List<String> path, String value) {
    Map<String, Object> node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      String seg = path.get(i).isEmpty() ? String.valueOf(node.size()) : path.get(i);
      Object next = node.get(seg);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        node.put(seg, next);
      }
      node = asMap(next);
    }
    String last = path.get(path.size() - 1);
    node.putIfAbsent(last.isEmpty() ? String.valueOf(node.size()) : last, value);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a form field is not URL-encoded properly");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> child(Map<String, Object> node, String key) {
    Object o = node.get(key);
    return o instanceof Map<?, ?> ? asMap(o) : Map.of();
  }

  private static Optional<String> text(Map<String, Object> node, String key) {
    return node.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static Optional<Long> number(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
