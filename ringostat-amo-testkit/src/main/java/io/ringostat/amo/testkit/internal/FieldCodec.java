package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.testkit.internal.Account.EnumDef;
import io.ringostat.amo.testkit.internal.Account.FieldDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code custom_fields_values} (reference §5.1, §11.4): fields addressed by {@code
 * field_id} or {@code field_code}; multitext values carry an enum ({@code enum_code}, the docs'
 * alternative {@code enum}, or {@code enum_id}); select-like values an enum id, code or value.
 */
final class FieldCodec {
  private static final Set<String> ENUM_TYPES =
      Set.of("multitext", "select", "multiselect", "radiobutton", "category");

  private final Account account;

  FieldCodec(Account account) {
    this.account = account;
  }

  /**
   * Parses {@code node}; null when absent. Unknown fields (by id or code) and unknown enums are
   * NotSupportedChoice; a field with {@code values: null} or {@code []} means "clear".
   */
  List<FieldData> parse(String entity, JsonNode node, Validation.Item v, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      v.invalidType(path, "array");
      return null;
    }
    List<FieldData> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode f = node.get(i);
      String p = path + "." + i;
      if (!EntityParser.isObject(f, v, p)) {
        continue;
      }
      Optional<FieldDef> def = resolve(entity, f, v, p);
      if (def.isEmpty()) {
        continue;
      }
      JsonNode values = f.get("values");
      if (values == null || values.isNull()) {
        out.add(new FieldData(def.get(), List.of()));
        continue;
      }
      if (!values.isArray()) {
        v.invalidType(p + ".values", "array");
        continue;
      }
      List<FieldData.Item> items = new ArrayList<>();
      for (int j = 0; j < values.size(); j++) {
        FieldData.Item item = value(def.get(), values.get(j), v, p + ".values." + j);
        if (item != null) {
          items.add(item);
        }
      }
      out.removeIf(x -> x.def().id() == def.get().id());
      out.add(new FieldData(def.get(), items));
    }
    return out;
  }

  private Optional<FieldDef> resolve(String entity, JsonNode f, Validation.Item v, String p) {
    JsonNode id = f.get("field_id");
    if (id != null && !id.isNull()) {
      if (!id.isIntegralNumber()) {
        v.invalidType(p + ".field_id", "int");
        return Optional.empty();
      }
      Optional<FieldDef> def = account.field(entity, id.longValue());
      if (def.isEmpty()) {
        v.notSupportedChoice(p + ".field_id");
      }
      return def;
    }
    JsonNode code = f.get("field_code");
    if (code != null && code.isTextual()) {
      Optional<FieldDef> def = account.fieldByCode(entity, code.textValue());
      if (def.isEmpty()) {
        v.notSupportedChoice(p + ".field_code");
      }
      return def;
    }
    v.notBlank(p + ".field_id");
    return Optional.empty();
  }

  private FieldData.Item value(FieldDef def, JsonNode n, Validation.Item v, String p) {
    if (!EntityParser.isObject(n, v, p)) {
      return null;
    }
    JsonNode value = n.get("value");
    String text =
        value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    if (value != null && value.isContainerNode()) {
      v.invalidType(p + ".value", "string");
      return null;
    }
    if (!ENUM_TYPES.contains(def.type()) || def.enums().isEmpty()) {
      if (text == null || text.isBlank()) {
        v.notBlank(p + ".value");
        return null;
      }
      return new FieldData.Item(text, null, null);
    }
    Optional<EnumDef> e = enumOf(def, n, v, p);
    if (e == null) {
      return null;
    }
    if (def.type().equals("multitext")) {
      if (text == null || text.isBlank()) {
        v.notBlank(p + ".value");
        return null;
      }
      EnumDef chosen = e.orElse(def.enums().get(0));
      return new FieldData.Item(text, chosen.id(), chosen.value());
    }
    if (e.isEmpty() && text != null) {
      e = def.enumByValue(text);
      if (e.isEmpty()) {
        v.notSupportedChoice(p + ".value");
        return null;
      }
    }
    if (e.isEmpty()) {
      v.notBlank(p + ".enum_id");
      return null;
    }
    return new FieldData.Item(e.get().value(), e.get().id(), null);
  }

  /** The enum named by enum_id / enum_code / enum; empty when none named; null after an error. */
  private static Optional<EnumDef> enumOf(FieldDef def, JsonNode n, Validation.Item v, String p) {
    JsonNode id = n.get("enum_id");
    if (id != null && !id.isNull()) {
      Optional<EnumDef> e = id.isIntegralNumber() ? def.enumById(id.longValue()) : Optional.empty();
      if (e.isEmpty()) {
        v.notSupportedChoice(p + ".enum_id");
        return null;
      }
      return e;
    }
    for (String key : List.of("enum_code", "enum")) {
      JsonNode code = n.get(key);
      if (code != null && !code.isNull()) {
        Optional<EnumDef> e =
            code.isTextual() ? def.enumByValue(code.textValue()) : Optional.empty();
        if (e.isEmpty()) {
          v.notSupportedChoice(p + "." + key);
          return null;
        }
        return e;
      }
    }
    return Optional.empty();
  }

  /** {@code custom_fields_values} of an entity, or JSON null when it has none (reference §5.1). */
  static JsonNode render(List<FieldData> fields) {
    if (fields.isEmpty()) {
      return NullNode.getInstance();
    }
    ArrayNode arr = Json.array();
    for (FieldData f : fields) {
      ObjectNode o = arr.addObject();
      o.put("field_id", f.def().id());
      o.put("field_name", f.def().name());
      o.put("field_code", f.def().code());
      o.put("field_type", f.def().type());
      ArrayNode values = o.putArray("values");
      boolean enums = !f.def().enums().isEmpty();
      for (FieldData.Item item : f.items()) {
        ObjectNode val = values.addObject();
        val.put("value", item.value());
        if (enums) {
          val.put("enum_id", item.enumId());
          val.put("enum_code", item.enumCode());
        }
      }
    }
    return arr;
  }
}
