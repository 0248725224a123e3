package io.ringostat.amo.testkit.internal;

/** A company. */
final class CompanyEntity extends CrmEntity {
  CompanyEntity(long id) {
    super(id);
  }
}
