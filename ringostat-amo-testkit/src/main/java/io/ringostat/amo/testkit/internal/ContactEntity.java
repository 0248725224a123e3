package io.ringostat.amo.testkit.internal;

/** A contact; {@code companyId} is its company, if any. */
final class ContactEntity extends CrmEntity {
  String firstName = "";
  String lastName = "";
  Long companyId;

  ContactEntity(long id) {
    super(id);
  }
}
