package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** A lead (deal). {@code contactIds} are linked contacts, the main one first. */
final class LeadEntity extends CrmEntity {
  long price;
  long pipelineId;
  long statusId;
  Long lossReasonId;
  Long closedAt;
  Long companyId;
  final List<Long> contactIds = new ArrayList<>();

  LeadEntity(long id) {
    super(id);
  }
}
