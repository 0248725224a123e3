package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.testkit.internal.Account.EnumDef;
import io.ringostat.amo.testkit.internal.Account.FieldDef;
import io.ringostat.amo.testkit.internal.Account.PipelineDef;
import io.ringostat.amo.testkit.internal.Account.StatusDef;
import io.ringostat.amo.testkit.internal.Account.UserDef;

/** Renders entities in amoCRM's response shapes (reference §5.1, §6.1, §7.2, §9, §10, §11). */
final class Render {
  private final Env env;

  Render(Env env) {
    this.env = env;
  }

  private ArrayNode tags(CrmEntity e) {
    ArrayNode arr = Json.array();
    for (Tag t : e.tags) {
      arr.addObject().put("id", t.id()).put("name", t.name()).putNull("color");
    }
    return arr;
  }

  private ObjectNode idLink(long id, String path) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.set("_links", env.selfLink(path + id));
    return o;
  }

  private void common(ObjectNode o, CrmEntity e) {
    o.put("responsible_user_id", e.responsibleUserId);
    o.put("group_id", 0);
    o.put("created_by", e.createdBy);
    o.put("updated_by", e.updatedBy);
    o.put("created_at", e.createdAt);
    o.put("updated_at", e.updatedAt);
  }

  /** The answer to a PATCH of one entity: its id, {@code updated_at} and link ({@code path + id}). */
  ObjectNode patched(String path, long id, long updatedAt) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("updated_at", updatedAt);
    o.set("_links", env.selfLink(path + id));
    return o;
  }

  ObjectNode contact(ContactEntity c, boolean withLeads) {
    ObjectNode o = Json.object();
    o.put("id", c.id);
    o.put("name", c.name);
    o.put("first_name", c.firstName);
    o.put("last_name", c.lastName);
    common(o, c);
    o.put("closest_task_at", env.store.closestTaskAt("contacts", c.id));
    o.put("is_deleted", c.deleted);
    o.put("is_unsorted", c.unsorted);
    o.set("custom_fields_values", FieldCodec.render(c.fields));
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/contacts/" + c.id));
    ObjectNode emb = o.putObject("_embedded");
    emb.set("tags", tags(c));
    ArrayNode companies = emb.putArray("companies");
    if (c.companyId != null) {
      companies.add(idLink(c.companyId, "/api/v4/companies/"));
    }
    if (withLeads) {
      ArrayNode leads = emb.putArray("leads");
      for (LeadEntity l : env.store.leadsOf(c.id)) {
        leads.add(idLink(l.id, "/api/v4/leads/"));
      }
    }
    return o;
  }

  ObjectNode lead(LeadEntity l, boolean withContacts) {
    ObjectNode o = Json.object();
    o.put("id", l.id);
    o.put("name", l.name);
    o.put("price", l.price);
    o.put("responsible_user_id", l.responsibleUserId);
    o.put("group_id", 0);
    o.put("status_id", l.statusId);
    o.put("pipeline_id", l.pipelineId);
    o.put("loss_reason_id", l.lossReasonId);
    o.put("created_by", l.createdBy);
    o.put("updated_by", l.updatedBy);
    o.put("created_at", l.createdAt);
    o.put("updated_at", l.updatedAt);
    o.put("closed_at", l.closedAt);
    o.put("closest_task_at", env.store.closestTaskAt("leads", l.id));
    o.put("is_deleted", l.deleted);
    o.set("custom_fields_values", FieldCodec.render(l.fields));
    o.putNull("score");
    o.put("account_id", env.account.id);
    o.put("labor_cost", (Long) null);
    o.set("_links", env.selfLink("/api/v4/leads/" + l.id));
    ObjectNode emb = o.putObject("_embedded");
    emb.set("tags", tags(l));
    ArrayNode companies = emb.putArray("companies");
    if (l.companyId != null) {
      companies.add(idLink(l.companyId, "/api/v4/companies/"));
    }
    if (withContacts) {
      ArrayNode contacts = emb.putArray("contacts");
      boolean first = true;
      for (long id : l.contactIds) {
        if (env.store.contact(id).isEmpty()) {
          continue;
        }
        ObjectNode c = contacts.addObject();
        c.put("id", id);
        c.put("is_main", first);
        c.set("_links", env.selfLink("/api/v4/contacts/" + id));
        first = false;
      }
    }
    return o;
  }

  ObjectNode company(CompanyEntity c) {
    ObjectNode o = Json.object();
    o.put("id", c.id);
    o.put("name", c.name);
    common(o, c);
    o.put("closest_task_at", env.store.closestTaskAt("companies", c.id));
    o.put("is_deleted", c.deleted);
    o.set("custom_fields_values", FieldCodec.render(c.fields));
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/companies/" + c.id));
    o.putObject("_embedded").set("tags", tags(c));
    return o;
  }

  ObjectNode note(NoteEntity n) {
    ObjectNode o = Json.object();
    o.put("id", n.id);
    o.put("entity_id", n.entityId);
    o.put("created_by", n.createdBy);
    o.put("updated_by", n.updatedBy);
    o.put("created_at", n.createdAt);
    o.put("updated_at", n.updatedAt);
    o.put("responsible_user_id", n.responsibleUserId);
    o.put("group_id", 0);
    o.put("note_type", n.noteType);
    o.set("params", n.params.deepCopy());
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/" + n.entityType + "/" + n.entityId + "/notes/" + n.id));
    return o;
  }

  ObjectNode task(TaskEntity t) {
    ObjectNode o = Json.object();
    o.put("id", t.id);
    o.put("created_by", t.createdBy);
    o.put("updated_by", t.updatedBy);
    o.put("created_at", t.createdAt);
    o.put("updated_at", t.updatedAt);
    o.put("responsible_user_id", t.responsibleUserId);
    o.put("group_id", 0);
    o.put("entity_id", t.entityId);
    o.put("entity_type", t.entityType);
    o.put("duration", t.duration);
    o.put("is_completed", t.completed);
    o.put("task_type_id", t.taskTypeId);
    o.put("text", t.text);
    if (t.resultText == null) {
      o.putArray("result");
    } else {
      o.putObject("result").put("text", t.resultText);
    }
    o.put("complete_till", t.completeTill);
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/tasks/" + t.id));
    return o;
  }

  /** {@code _embedded} of an unsorted item: leads, contacts and companies as id objects. */
  ObjectNode unsortedEmbedded(UnsortedEntity u) {
    ObjectNode emb = Json.object();
    emb.putArray("leads").add(idLink(u.leadId, "/api/v4/leads/"));
    ArrayNode contacts = emb.putArray("contacts");
    if (u.contactId != null) {
      contacts.add(idLink(u.contactId, "/api/v4/contacts/"));
    }
    ArrayNode companies = emb.putArray("companies");
    if (u.companyId != null) {
      companies.add(idLink(u.companyId, "/api/v4/companies/"));
    }
    return emb;
  }

  ObjectNode unsorted(UnsortedEntity u) {
    ObjectNode o = Json.object();
    o.put("uid", u.uid);
    o.put("source_uid", u.sourceUid);
    o.put("source_name", u.sourceName);
    o.put("category", u.category);
    o.put("pipeline_id", u.pipelineId);
    o.put("created_at", u.createdAt);
    ObjectNode meta = u.metadata.deepCopy();
    meta.remove("is_call_event_needed"); // write-only (reference §7.3)
    o.set("metadata", meta);
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/leads/unsorted/" + u.uid));
    o.set("_embedded", unsortedEmbedded(u));
    return o;
  }

  ObjectNode user(UserDef u) {
    ObjectNode o = Json.object();
    o.put("id", u.id());
    o.put("name", u.name());
    o.put("email", u.email());
    o.put("lang", "ru");
    ObjectNode rights = o.putObject("rights");
    for (String entity : new String[] {"leads", "contacts", "companies"}) {
      ObjectNode r = rights.putObject(entity);
      for (String action : new String[] {"view", "edit", "add", "delete", "export"}) {
        r.put(action, "A");
      }
    }
    rights.putObject("tasks").put("edit", "A").put("delete", "A");
    rights.put("mail_access", true);
    rights.put("catalog_access", true);
    rights.putArray("status_rights");
    rights.put("is_admin", u.admin());
    rights.put("is_free", false);
    rights.put("is_active", u.active());
    rights.putNull("group_id");
    rights.putNull("role_id");
    o.set("_links", env.selfLink("/api/v4/users/" + u.id()));
    return o;
  }

  ObjectNode status(StatusDef s) {
    ObjectNode o = Json.object();
    o.put("id", s.id());
    o.put("name", s.name());
    o.put("sort", s.sort());
    o.put("is_editable", s.editable());
    o.put("pipeline_id", s.pipelineId());
    o.put("color", s.color());
    o.put("type", s.type());
    o.put("account_id", env.account.id);
    o.set(
        "_links",
        env.selfLink("/api/v4/leads/pipelines/" + s.pipelineId() + "/statuses/" + s.id()));
    return o;
  }

  ObjectNode pipeline(PipelineDef p) {
    ObjectNode o = Json.object();
    o.put("id", p.id());
    o.put("name", p.name());
    o.put("sort", p.sort());
    o.put("is_main", p.main());
    o.put("is_unsorted_on", true);
    o.put("is_archive", false);
    o.put("account_id", env.account.id);
    o.set("_links", env.selfLink("/api/v4/leads/pipelines/" + p.id()));
    ArrayNode statuses = o.putObject("_embedded").putArray("statuses");
    p.statuses().forEach(s -> statuses.add(status(s)));
    return o;
  }

  ObjectNode field(FieldDef f) {
    ObjectNode o = Json.object();
    o.put("id", f.id());
    o.put("name", f.name());
    o.put("type", f.type());
    o.put("account_id", env.account.id);
    o.put("code", f.code());
    o.put("sort", f.sort());
    o.put("is_api_only", false);
    if (f.enums().isEmpty()) {
      o.putNull("enums");
    } else {
      ArrayNode enums = o.putArray("enums");
      for (EnumDef e : f.enums()) {
        enums.addObject().put("id", e.id()).put("value", e.value()).put("sort", e.sort());
      }
    }
    o.putNull("group_id");
    o.putArray("required_statuses");
    o.put("is_deletable", !f.predefined());
    o.put("is_predefined", f.predefined());
    o.put("entity_type", f.entity());
    o.putNull("remind");
    o.set("_links", env.selfLink("/api/v4/" + f.entity() + "/custom_fields/" + f.id()));
    return o;
  }
}
