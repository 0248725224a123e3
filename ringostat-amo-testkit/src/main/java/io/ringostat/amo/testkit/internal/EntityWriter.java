package io.ringostat.amo.testkit.internal;

/**
 * Applies validated {@link Drafts} to the {@link Store}: creates entities with amoCRM's defaults
 * (responsible and author = the token's user, timestamps = now) and patches only present fields.
 */
final class EntityWriter {
  private final Env env;

  EntityWriter(Env env) {
    this.env = env;
  }

  private static void createCommon(CrmEntity e, Drafts.Common d, long actor, long now) {
    e.responsibleUserId = d.responsibleUserId != null ? d.responsibleUserId : actor;
    e.createdBy = d.createdBy != null ? d.createdBy : actor;
    e.updatedBy = d.updatedBy != null ? d.updatedBy : e.createdBy;
    e.createdAt = d.createdAt != null ? d.createdAt : now;
    e.updatedAt = d.updatedAt != null ? d.updatedAt : e.createdAt;
    if (d.fields != null) {
      e.mergeFields(d.fields);
    }
    e.addTags(d.tagsToAdd);
  }

  private static void patchCommon(CrmEntity e, Drafts.Common d, long actor, long now) {
    if (d.name != null) {
      e.name = d.name;
    }
    if (d.responsibleUserId != null) {
      e.responsibleUserId = d.responsibleUserId;
    }
    if (d.createdBy != null) {
      e.createdBy = d.createdBy;
    }
    if (d.createdAt != null) {
      e.createdAt = d.createdAt;
    }
    e.updatedBy = d.updatedBy != null ? d.updatedBy : actor;
    e.updatedAt = d.updatedAt != null ? d.updatedAt : now;
    if (d.fields != null) {
      e.mergeFields(d.fields);
    }
    e.addTags(d.tagsToAdd);
    e.removeTags(d.tagsToDelete);
  }

  ContactEntity createContact(Drafts.Contact d, long actor, long now) {
    ContactEntity c = env.store.newContact();
    c.firstName = d.firstName != null ? d.firstName : "";
    c.lastName = d.lastName != null ? d.lastName : "";
    c.name = d.name != null ? d.name : (c.firstName + " " + c.lastName).trim();
    createCommon(c, d, actor, now);
    return c;
  }

  void patchContact(ContactEntity c, Drafts.Contact d, long actor, long now) {
    patchCommon(c, d, actor, now);
    if (d.firstName != null) {
      c.firstName = d.firstName;
    }
    if (d.lastName != null) {
      c.lastName = d.lastName;
    }
  }

  CompanyEntity createCompany(Drafts.Company d, long actor, long now) {
    CompanyEntity c = env.store.newCompany();
    c.name = d.name != null ? d.name : "";
    createCommon(c, d, actor, now);
    return c;
  }

  /** A lead made by {@link #createComplex} with its contact and company; either may be null. */
  record Complex(LeadEntity lead, ContactEntity contact, CompanyEntity company) {
    Long contactId() {
      return contact == null ? null : contact.id;
    }

    Long companyId() {
      return company == null ? null : company.id;
    }
  }

  /**
   * Creates a lead with its at most one contact and one company, as {@code leads/complex} and
   * unsorted requests carry them: each draft names an existing entity ({@code existingId}) or is
   * created; the contact joins the company unless it already has one. With {@code unsorted}, the
   * contact and company are marked unsorted exactly when created here.
   */
  Complex createComplex(
      Drafts.Lead lead,
      Drafts.Contact contact,
      Drafts.Company company,
      boolean unsorted,
      long actor,
      long now) {
    ContactEntity c = null;
    if (contact != null) {
      c =
          contact.existingId != null
              ? env.store.contact(contact.existingId).orElseThrow()
              : createContact(contact, actor, now);
      if (unsorted) {
        c.unsorted = contact.existingId == null;
      }
    }
    CompanyEntity co = null;
    if (company != null) {
      co =
          company.existingId != null
              ? env.store.company(company.existingId).orElseThrow()
              : createCompany(company, actor, now);
      if (unsorted) {
        co.unsorted = company.existingId == null;
      }
    }
    if (c != null && co != null && c.companyId == null) {
      c.companyId = co.id;
    }
    if (c != null) {
      lead.contactIds.add(c.id);
    }
    lead.companyId = co == null ? null : co.id;
    return new Complex(createLead(lead, actor, now), c, co);
  }

  LeadEntity createLead(Drafts.Lead d, long actor, long now) {
    LeadEntity l = env.store.newLead();
    l.name = d.name != null ? d.name : "Сделка #" + l.id;
    createCommon(l, d, actor, now);
    l.price = d.price != null ? d.price : 0;
    l.pipelineId = d.pipelineId;
    l.statusId = d.statusId;
    l.lossReasonId = d.lossReasonId;
    l.closedAt = Account.isOpen(l.statusId) ? null : (d.closedAt != null ? d.closedAt : now);
    l.contactIds.addAll(d.contactIds);
    l.companyId = d.companyId;
    return l;
  }

  void patchLead(LeadEntity l, Drafts.Lead d, long actor, long now) {
    patchCommon(l, d, actor, now);
    if (d.price != null) {
      l.price = d.price;
    }
    if (d.lossReasonId != null) {
      l.lossReasonId = d.lossReasonId;
    }
    if (d.statusId != null) {
      boolean wasOpen = Account.isOpen(l.statusId);
      l.pipelineId = d.pipelineId;
      l.statusId = d.statusId;
      if (Account.isOpen(l.statusId)) {
        l.closedAt = null;
      } else if (wasOpen || d.closedAt != null) {
        l.closedAt = d.closedAt != null ? d.closedAt : now;
      }
    } else if (d.closedAt != null && !Account.isOpen(l.statusId)) {
      l.closedAt = d.closedAt;
    }
  }
}
