package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsed and validated request models, ready to apply. A null field was absent from the request (a
 * PATCH leaves it unchanged; a create applies the default).
 */
final class Drafts {
  private Drafts() {}

  /** Fields contacts, leads and companies share. */
  static class Common {
    String name;
    Long responsibleUserId;
    Long createdBy;
    Long updatedBy;
    Long createdAt;
    Long updatedAt;
    List<FieldData> fields;
    final List<Tag> tagsToAdd = new ArrayList<>();
    final List<Tag> tagsToDelete = new ArrayList<>();
  }

  /** A contact to create or patch; {@code existingId} when a complex item links an existing one. */
  static final class Contact extends Common {
    String firstName;
    String lastName;
    Long existingId;
  }

  /** A lead to create or patch; pipeline and status are resolved by the parser. */
  static final class Lead extends Common {
    Long price;
    Long pipelineId;
    Long statusId;
    Long lossReasonId;
    Long closedAt;
    final List<Long> contactIds = new ArrayList<>();
    Long companyId;
  }

  /** A company to create; {@code existingId} when a complex item links an existing one. */
  static final class Company extends Common {
    Long existingId;
  }
}
