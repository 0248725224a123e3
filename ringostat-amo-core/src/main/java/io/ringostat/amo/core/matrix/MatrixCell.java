package io.ringostat.amo.core.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the matrix does in one {@link Scenario} (R-MATRIX): which entities to create and when,
 * where to attach the call record, which task to create, and whom new entities are assigned to.
 * Immutable; derive variants with the {@code withX} methods.
 */
@Value.Immutable
public interface MatrixCell {
  /** Do nothing at all. */
  MatrixCell NOTHING = builder().build();

  /** Create a contact when the client has none. */
  @Value.Default
  default boolean createContact() {
    return false;
  }

  @Value.Default
  default DealPolicy deal() {
    return DealPolicy.NEVER;
  }

  /** Create an unsorted request for a new client (inbound only). */
  @Value.Default
  default boolean createUnsorted() {
    return false;
  }

  @Value.Default
  default Timing createOn() {
    return Timing.ON_ANSWER;
  }

  @Value.Default
  default RecordTarget recordCall() {
    return RecordTarget.NONE;
  }

  Optional<TaskRule> task();

  /** Whom new contacts, deals and unsorted requests are assigned to. */
  @Value.Default
  default Assignee assignee() {
    return Assignee.ANSWERING_EMPLOYEE;
  }

  /** Write the call's tracking data into the existing entity's fields (R-V2). */
  @Value.Default
  default boolean updateTracking() {
    return false;
  }

  MatrixCell withCreateContact(boolean value);

  MatrixCell withDeal(DealPolicy value);

  MatrixCell withCreateUnsorted(boolean value);

  MatrixCell withCreateOn(Timing value);

  MatrixCell withRecordCall(RecordTarget value);

  MatrixCell withTask(Optional<? extends TaskRule> value);

  MatrixCell withAssignee(Assignee value);

  MatrixCell withUpdateTracking(boolean value);

  /** True when the cell creates any entity. */
  default boolean creates() {
    return createContact() || deal() != DealPolicy.NEVER || createUnsorted();
  }

  /**
   * One line: "create contact + deal on answer (assign ANSWERING_EMPLOYEE); record → BOTH".
   * Computed once per cell; every decision's explanation quotes it.
   */
  @Value.Lazy
  default String description() {
    List<String> parts = new ArrayList<>();
    List<String> created = new ArrayList<>();
    if (createUnsorted()) {
      created.add("unsorted request");
    }
    if (createContact()) {
      created.add("contact");
    }
    if (deal() != DealPolicy.NEVER) {
      created.add(deal() == DealPolicy.ALWAYS ? "deal" : "deal if none open");
    }
    if (!created.isEmpty()) {
      parts.add("create " + String.join(" + ", created)
          + (createOn() == Timing.ON_ANSWER ? " on answer" : " on end")
          + " (assign " + assignee() + ")");
    }
    if (recordCall() != RecordTarget.NONE) {
      parts.add("record call → " + recordCall());
    }
    if (updateTracking()) {
      parts.add("update tracking fields");
    }
    task().ifPresent(t -> parts.add(t.toString()));
    return parts.isEmpty() ? "nothing" : String.join("; ", parts);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link MatrixCell} values. */
  class Builder extends ImmutableMatrixCell.Builder {}
}
