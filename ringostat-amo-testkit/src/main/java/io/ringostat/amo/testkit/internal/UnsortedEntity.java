package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An unsorted request and its lead/contact; it leaves Unsorted when accepted or declined. */
final class UnsortedEntity {
  enum State {
    PENDING,
    ACCEPTED,
    DECLINED
  }

  final String uid;
  final String sourceUid;
  final String sourceName;
  final String category;
  final long pipelineId;
  final long createdAt;
  final ObjectNode metadata;
  final long leadId;
  final Long contactId;
  final Long companyId;

  /** The caller's number as used for duplicate detection (last ten digits), may be empty. */
  final String callerDigits;

  State state = State.PENDING;
  Long decidedBy;

  UnsortedEntity(
      String uid,
      String sourceUid,
      String sourceName,
      String category,
      long pipelineId,
      long createdAt,
      ObjectNode metadata,
      long leadId,
      Long contactId,
      Long companyId,
      String callerDigits) {
    this.uid = uid;
    this.sourceUid = sourceUid;
    this.sourceName = sourceName;
    this.category = category;
    this.pipelineId = pipelineId;
    this.createdAt = createdAt;
    this.metadata = metadata;
    this.leadId = leadId;
    this.contactId = contactId;
    this.companyId = companyId;
    this.callerDigits = callerDigits;
  }
}
