package io.ringostat.amo.core.matrix;

import java.util.List;
import java.util.Optional;

/**
 * The three preset matrices, as plain values users can copy and change (R-MATRIX). {@code
 * docs/matrix.md} shows each as a table of scenarios × effects.
 */
public final class MatrixPresets {
  /** What {@link #withNightQueue} appends to a matrix's name. */
  public static final String NIGHT_QUEUE_SUFFIX = "+night-queue";

  /** Task template for a missed call ("call the client back"). */
  public static final String MISSED_CALL_TASK = "missed-call";
  /** Task template for a call answered on an endpoint that belongs to no employee. */
  public static final String UNKNOWN_ENDPOINT_TASK = "unknown-endpoint";
  /** Task template for a missed call whose number could not be normalized. */
  public static final String INVALID_PHONE_TASK = "invalid-phone";

  private static final TaskRule SENIOR_CALLBACK =
      new TaskRule(Assignee.SENIOR_MANAGER, MISSED_CALL_TASK);
  private static final TaskRule RESPONSIBLE_CALLBACK =
      new TaskRule(Assignee.RESPONSIBLE, MISSED_CALL_TASK);
  private static final TaskRule CHECK_SETTINGS =
      new TaskRule(Assignee.SENIOR_MANAGER, UNKNOWN_ENDPOINT_TASK);
  private static final MatrixCell RECORD_ON_EXISTING =
      MatrixCell.builder().recordCall(RecordTarget.DEAL_ELSE_CONTACT).build();

  /**
   * R-V1, the seed's "Вариант 1": a new client's contact and deal on answer for the answering
   * employee, one call record per call on end (on the deal the call is about, else the contact:
   * amoCRM counts every call note in its reports, so {@link RecordTarget#BOTH} would count the call
   * twice), missed calls become call-back tasks (senior manager for new
   * clients, the responsible manager for existing ones), unknown endpoints a settings-check task.
   */
  public static final DecisionMatrix RECOMMENDED =
      DecisionMatrix.builder()
          .name("RECOMMENDED")
          .putCell(Scenario.INBOUND_ANSWERED_NEW,
              MatrixCell.builder().createContact(true).deal(DealPolicy.IF_NO_OPEN_DEAL)
                  .createOn(Timing.ON_ANSWER).assignee(Assignee.ANSWERING_EMPLOYEE)
                  .recordCall(RecordTarget.DEAL_ELSE_CONTACT).build())
          .putCell(Scenario.INBOUND_ANSWERED_EXISTING, RECORD_ON_EXISTING)
          .putCell(Scenario.INBOUND_MISSED_NEW,
              MatrixCell.builder().createContact(true).deal(DealPolicy.IF_NO_OPEN_DEAL)
                  .assignee(Assignee.SENIOR_MANAGER).recordCall(RecordTarget.DEAL)
                  .task(SENIOR_CALLBACK).build())
          .putCell(Scenario.INBOUND_MISSED_EXISTING,
              RECORD_ON_EXISTING.withTask(Optional.of(RESPONSIBLE_CALLBACK)))
          .putCell(Scenario.OUTBOUND_ANSWERED_NEW,
              MatrixCell.builder().createContact(true).createOn(Timing.ON_ANSWER)
                  .assignee(Assignee.ANSWERING_EMPLOYEE).recordCall(RecordTarget.CONTACT).build())
          .putCell(Scenario.OUTBOUND_ANSWERED_EXISTING, RECORD_ON_EXISTING)
          .putCell(Scenario.OUTBOUND_MISSED_NEW, MatrixCell.NOTHING)
          .putCell(Scenario.OUTBOUND_MISSED_EXISTING, RECORD_ON_EXISTING)
          .unknownEndpointTask(CHECK_SETTINGS)
          .completeCallbackTasks(true)
          .build();

  /**
   * R-V2, the seed's "Вариант 2": entities come from another integration; the SDK never creates a
   * contact or deal, it records the call and writes the tracking data into the entity found by
   * phone, and reports "no target entity" when there is none.
   */
  public static final DecisionMatrix UPDATE_ONLY = updateOnly();

  /**
   * R-UNS, the seed's "Неразобранное": new clients become unsorted requests assigned to the senior
   * manager (on answer, or at the end of a missed call with a senior-manager task); repeat callers
   * get the call record in their entity, and a call-back task for the responsible manager when
   * missed.
   */
  public static final DecisionMatrix UNSORTED =
      DecisionMatrix.builder()
          .name("UNSORTED")
          .putCell(Scenario.INBOUND_ANSWERED_NEW,
              MatrixCell.builder().createUnsorted(true).createOn(Timing.ON_ANSWER)
                  .assignee(Assignee.SENIOR_MANAGER).recordCall(RecordTarget.DEAL).build())
          .putCell(Scenario.INBOUND_ANSWERED_EXISTING, RECORD_ON_EXISTING)
          .putCell(Scenario.INBOUND_MISSED_NEW,
              MatrixCell.builder().createUnsorted(true).assignee(Assignee.SENIOR_MANAGER)
                  .task(SENIOR_CALLBACK).build())
          .putCell(Scenario.INBOUND_MISSED_EXISTING,
              RECORD_ON_EXISTING.withTask(Optional.of(RESPONSIBLE_CALLBACK)))
          .putCell(Scenario.OUTBOUND_ANSWERED_NEW, MatrixCell.NOTHING)
          .putCell(Scenario.OUTBOUND_ANSWERED_EXISTING, RECORD_ON_EXISTING)
          .putCell(Scenario.OUTBOUND_MISSED_NEW, MatrixCell.NOTHING)
          .putCell(Scenario.OUTBOUND_MISSED_EXISTING, RECORD_ON_EXISTING)
          .unknownEndpointTask(CHECK_SETTINGS)
          .build();

  /** The presets, in documentation order. */
  public static final List<DecisionMatrix> ALL = List.of(RECOMMENDED, UPDATE_ONLY, UNSORTED);

  private MatrixPresets() {}

  /** The preset called {@code name} (case-insensitive). */
  public static Optional<DecisionMatrix> byName(String name) {
    return ALL.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
  }

  /**
   * R-HOURS, the night queue: {@code matrix} with missed inbound calls that start outside working
   * hours, from new and existing clients alike, given to the senior manager as a call-back task
   * (the cell's own template, else {@value #MISSED_CALL_TASK}); everything else as in {@code
   * matrix}. The deadline counts working time, so the task is due in the morning; a client who
   * calls three times in the night still gets one open task (R-LIFE). The copy is named after
   * {@code matrix} with {@value #NIGHT_QUEUE_SUFFIX} appended.
   */
  public static DecisionMatrix withNightQueue(DecisionMatrix matrix) {
    java.util.Map<Scenario, MatrixCell> night = new java.util.EnumMap<>(Scenario.class);
    night.putAll(matrix.outsideHours());
    for (Scenario s : List.of(Scenario.INBOUND_MISSED_NEW, Scenario.INBOUND_MISSED_EXISTING)) {
      MatrixCell day = matrix.cell(s);
      String template = day.task().map(TaskRule::template).orElse(MISSED_CALL_TASK);
      night.put(s, day.withTask(Optional.of(new TaskRule(Assignee.SENIOR_MANAGER, template))));
    }
    String name = matrix.name().endsWith(NIGHT_QUEUE_SUFFIX) ? matrix.name()
        : matrix.name() + NIGHT_QUEUE_SUFFIX;
    return matrix.withOutsideHours(night).withName(name);
  }

  private static DecisionMatrix updateOnly() {
    MatrixCell update =
        MatrixCell.builder().recordCall(RecordTarget.DEAL_ELSE_CONTACT).updateTracking(true)
            .build();
    DecisionMatrix.Builder b = DecisionMatrix.builder().name("UPDATE_ONLY");
    for (Scenario s : Scenario.values()) {
      b.putCell(s, update);
    }
    return b.build();
  }
}
