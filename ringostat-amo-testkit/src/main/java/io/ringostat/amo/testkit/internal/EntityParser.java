package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.testkit.internal.Account.PipelineDef;
import io.ringostat.amo.testkit.internal.Account.StatusDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads contact, lead and company models from request JSON into {@link Drafts}, filing every
 * problem in a {@link Validation.Item} with amoCRM's dotted paths (e.g. {@code
 * _embedded.contacts.0.responsible_user_id}). Never changes entities.
 */
final class EntityParser {
  /** How a lead model is used: its pipeline/status rules differ. */
  enum LeadMode {
    /** {@code POST /api/v4/leads}: default main pipeline, first stage; links existing contacts. */
    CREATE,
    /** {@code leads/complex}: as CREATE, but {@code _embedded} holds models, not links. */
    COMPLEX,
    /** Unsorted: the lead goes to its pipeline's Unsorted stage whatever status it names. */
    UNSORTED,
    /** {@code PATCH}: only what is present changes. */
    PATCH
  }

  private final Env env;
  private final FieldCodec fields;

  EntityParser(Env env) {
    this.env = env;
    this.fields = new FieldCodec(env.account);
  }

  static String path(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  /** The item's {@code request_id}, or its index as a string when absent (reference §0). */
  static String requestId(JsonNode item, int index) {
    JsonNode rid = item == null ? null : item.get("request_id");
    return rid == null || rid.isNull() ? Integer.toString(index) : rid.asText();
  }

  /** The request body as a JSON array of at most {@code max} items; anything else is a 400. */
  static List<JsonNode> batch(JsonNode body, int max) {
    if (!body.isArray()) {
      Validation v = new Validation();
      v.item("0").invalidType("", "array");
      v.throwIfAny();
    }
    Validation.checkBatchSize(body.size(), max);
    if (body.isEmpty()) {
      Validation v = new Validation();
      v.item("0").notBlank("");
      v.throwIfAny();
    }
    List<JsonNode> items = new ArrayList<>();
    body.forEach(items::add);
    return items;
  }

  /** Checks that {@code node} is an object; files InvalidType otherwise. */
  static boolean isObject(JsonNode node, Validation.Item v, String path) {
    if (node == null || !node.isObject()) {
      v.invalidType(path, "object");
      return false;
    }
    return true;
  }

  /**
   * The element of an optional array of at most one (e.g. {@code _embedded.contacts}), or null when
   * it is absent or empty; files InvalidType for a non-array and CountExceeded for more than one.
   */
  static JsonNode single(JsonNode arr, String path, Validation.Item v) {
    if (arr == null || arr.isNull() || (arr.isArray() && arr.isEmpty())) {
      return null;
    }
    if (!arr.isArray()) {
      v.invalidType(path, "array");
      return null;
    }
    if (arr.size() > 1) {
      v.error(Validation.COUNT_EXCEEDED, path, "This collection should contain 1 element or less.");
      return null;
    }
    return arr.get(0);
  }

  Long integer(JsonNode obj, String field, Validation.Item v, String prefix) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      v.invalidType(path(prefix, field), "int");
      return null;
    }
    return n.longValue();
  }

  String text(JsonNode obj, String field, Validation.Item v, String prefix) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      v.invalidType(path(prefix, field), "string");
      return null;
    }
    return n.textValue();
  }

  /** A required non-blank string. */
  String requiredText(JsonNode obj, String field, Validation.Item v, String prefix) {
    String s = text(obj, field, v, prefix);
    if (s == null && (obj.get(field) == null || obj.get(field).isNull())) {
      v.notBlank(path(prefix, field));
    } else if (s != null && s.isBlank()) {
      v.notBlank(path(prefix, field));
      return null;
    }
    return s;
  }

  Boolean bool(JsonNode obj, String field, Validation.Item v, String prefix) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      v.invalidType(path(prefix, field), "bool");
      return null;
    }
    return n.booleanValue();
  }

  /**
   * A user id field. Unknown or deactivated users are {@code NotSupportedChoice} (reference §15: a
   * {@code created_by} of a deactivated user fails that way); 0 ("a robot") is allowed only for
   * authorship fields.
   */
  Long user(JsonNode obj, String field, Validation.Item v, String prefix, boolean allowZero) {
    Long id = integer(obj, field, v, prefix);
    if (id == null) {
      return null;
    }
    if ((id == 0 && allowZero) || env.account.isActiveUser(id)) {
      return id;
    }
    v.notSupportedChoice(path(prefix, field));
    return null;
  }

  private void common(
      String entity, JsonNode n, Validation.Item v, String prefix, Drafts.Common d, boolean patch) {
    d.name = text(n, "name", v, prefix);
    d.responsibleUserId = user(n, "responsible_user_id", v, prefix, false);
    d.createdBy = user(n, "created_by", v, prefix, true);
    d.updatedBy = user(n, "updated_by", v, prefix, true);
    d.createdAt = integer(n, "created_at", v, prefix);
    d.updatedAt = integer(n, "updated_at", v, prefix);
    d.fields =
        fields.parse(
            entity, n.get("custom_fields_values"), v, path(prefix, "custom_fields_values"));
    tags(entity, n.get("tags_to_add"), v, path(prefix, "tags_to_add"), d.tagsToAdd);
    JsonNode embedded = n.get("_embedded");
    if (embedded != null && embedded.isObject()) {
      tags(entity, embedded.get("tags"), v, path(prefix, "_embedded.tags"), d.tagsToAdd);
    }
    if (patch) {
      tags(entity, n.get("tags_to_delete"), v, path(prefix, "tags_to_delete"), d.tagsToDelete);
    }
  }

  /** Tags as {@code [{"name":"x"}|{"id":1}]}; unknown tag ids are NotSupportedChoice. */
  void tags(String entity, JsonNode arr, Validation.Item v, String path, List<Tag> out) {
    if (arr == null || arr.isNull()) {
      return;
    }
    if (!arr.isArray()) {
      v.invalidType(path, "array");
      return;
    }
    for (int i = 0; i < arr.size(); i++) {
      JsonNode t = arr.get(i);
      String p = path + "." + i;
      if (!isObject(t, v, p)) {
        continue;
      }
      JsonNode id = t.get("id");
      JsonNode name = t.get("name");
      if (id != null && !id.isNull()) {
        if (!id.isIntegralNumber()) {
          v.invalidType(p + ".id", "int");
        } else {
          env.store
              .tagById(id.longValue())
              .ifPresentOrElse(out::add, () -> v.notSupportedChoice(p + ".id"));
        }
      } else if (name != null && name.isTextual() && !name.textValue().isBlank()) {
        out.add(env.store.tag(entity, name.textValue()));
      } else {
        v.notBlank(p + ".name");
      }
    }
  }

  /** A contact model; in a complex item an object with {@code id} links an existing contact. */
  Drafts.Contact contact(
      JsonNode n, Validation.Item v, String prefix, boolean patch, boolean allowExisting) {
    Drafts.Contact d = new Drafts.Contact();
    if (!isObject(n, v, prefix)) {
      return d;
    }
    if (allowExisting && n.hasNonNull("id")) {
      Long id = integer(n, "id", v, prefix);
      if (id != null) {
        if (env.store.contact(id).isPresent()) {
          d.existingId = id;
        } else {
          v.notSupportedChoice(path(prefix, "id"));
        }
      }
      return d;
    }
    common("contacts", n, v, prefix, d, patch);
    d.firstName = text(n, "first_name", v, prefix);
    d.lastName = text(n, "last_name", v, prefix);
    return d;
  }

  /** A company model; in a complex item an object with {@code id} links an existing company. */
  Drafts.Company company(JsonNode n, Validation.Item v, String prefix, boolean allowExisting) {
    Drafts.Company d = new Drafts.Company();
    if (!isObject(n, v, prefix)) {
      return d;
    }
    if (allowExisting && n.hasNonNull("id")) {
      Long id = integer(n, "id", v, prefix);
      if (id != null) {
        if (env.store.company(id).isPresent()) {
          d.existingId = id;
        } else {
          v.notSupportedChoice(path(prefix, "id"));
        }
      }
      return d;
    }
    common("companies", n, v, prefix, d, false);
    return d;
  }

  /**
   * A lead model. On create, the pipeline defaults to the main one and the status to the pipeline's
   * first regular stage; a status outside the pipeline, or the Unsorted stage, is
   * NotSupportedChoice.
   *
   * @param existing the lead being patched (PATCH only)
   * @param pipelineOverride for unsorted items: the item-level {@code pipeline_id}, or null
   */
  Drafts.Lead lead(
      JsonNode n,
      Validation.Item v,
      String prefix,
      LeadMode mode,
      LeadEntity existing,
      Long pipelineOverride) {
    Drafts.Lead d = new Drafts.Lead();
    if (!isObject(n, v, prefix)) {
      return d;
    }
    common("leads", n, v, prefix, d, mode == LeadMode.PATCH);
    d.price = integer(n, "price", v, prefix);
    if (d.price != null && d.price < 0) {
      v.notSupportedChoice(path(prefix, "price"));
    }
    d.lossReasonId = integer(n, "loss_reason_id", v, prefix);
    d.closedAt = integer(n, "closed_at", v, prefix);
    Long pipelineId =
        pipelineOverride != null ? pipelineOverride : integer(n, "pipeline_id", v, prefix);
    Long statusId = integer(n, "status_id", v, prefix);
    resolveStage(d, v, prefix, mode, existing, pipelineId, statusId);
    if (mode != LeadMode.PATCH) {
      JsonNode embedded = n.get("_embedded");
      if (embedded != null && embedded.isObject() && mode == LeadMode.CREATE) {
        links(embedded, v, prefix, d);
      }
    }
    return d;
  }

  private void resolveStage(
      Drafts.Lead d,
      Validation.Item v,
      String prefix,
      LeadMode mode,
      LeadEntity existing,
      Long pipelineId,
      Long statusId) {
    PipelineDef pipe;
    if (pipelineId != null) {
      pipe = env.account.pipeline(pipelineId).orElse(null);
      if (pipe == null) {
        v.notSupportedChoice(path(prefix, "pipeline_id"));
        return;
      }
    } else if (mode == LeadMode.PATCH) {
      pipe = env.account.pipeline(existing.pipelineId).orElseThrow();
    } else {
      pipe = env.account.mainPipeline();
    }
    if (mode == LeadMode.UNSORTED) {
      d.pipelineId = pipe.id();
      d.statusId = pipe.unsorted().id();
      return;
    }
    if (statusId != null) {
      StatusDef s = pipe.status(statusId).orElse(null);
      if (s == null || s.type() == 1) {
        v.notSupportedChoice(path(prefix, "status_id"));
        return;
      }
      d.pipelineId = pipe.id();
      d.statusId = s.id();
    } else if (mode != LeadMode.PATCH || pipe.id() != existing.pipelineId) {
      d.pipelineId = pipe.id();
      d.statusId = pipe.firstRegular().id();
    }
  }

  private void links(JsonNode embedded, Validation.Item v, String prefix, Drafts.Lead d) {
    JsonNode contacts = embedded.get("contacts");
    if (contacts != null && !contacts.isNull()) {
      String p = path(prefix, "_embedded.contacts");
      if (!contacts.isArray()) {
        v.invalidType(p, "array");
      } else {
        Long main = null;
        for (int i = 0; i < contacts.size(); i++) {
          JsonNode c = contacts.get(i);
          if (!isObject(c, v, p + "." + i)) {
            continue;
          }
          Long id = integer(c, "id", v, p + "." + i);
          if (id == null) {
            v.notBlank(p + "." + i + ".id");
          } else if (env.store.contact(id).isEmpty()) {
            v.notSupportedChoice(p + "." + i + ".id");
          } else if (!d.contactIds.contains(id)) {
            d.contactIds.add(id);
            if (Boolean.TRUE.equals(bool(c, "is_main", v, p + "." + i)) && main == null) {
              main = id;
            }
          }
        }
        if (main != null) {
          d.contactIds.remove(main);
          d.contactIds.add(0, main);
        }
      }
    }
    JsonNode companies = embedded.get("companies");
    if (companies != null && companies.isArray() && !companies.isEmpty()) {
      String p = path(prefix, "_embedded.companies.0");
      JsonNode c = companies.get(0);
      if (isObject(c, v, p)) {
        Long id = integer(c, "id", v, p);
        if (id == null || env.store.company(id).isEmpty()) {
          v.notSupportedChoice(p + ".id");
        } else {
          d.companyId = id;
        }
      }
    }
  }
}
