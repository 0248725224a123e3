package io.ringostat.amo.core.internal;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.OpenTask;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.TaskTemplate;
import io.ringostat.amo.core.text.Language;
import io.ringostat.amo.core.text.MessageCatalog;
import io.ringostat.amo.core.text.MessageKey;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One run of the decision for one event; see {@code Decider}. Not thread-safe; use once.
 *
 * <p>What the inputs say (the employee, the client's entities, the scenario...) is derived once, in
 * final fields; the effects and the explanation lines are collected as the decision goes.
 */
public final class Decision {
  private final CallEvent event;
  private final PhoneParse phone;
  private final Optional<PhoneNumber> number;
  private final Optional<CrmView> view;
  private final IntegrationSettings settings;
  private final CallProgress progress;
  private final DecisionMatrix matrix;
  /** R-FILTER: the tracking line the call is on, if settings name it. */
  private final Optional<IntegrationSettings.LineMatch> line;
  /** Every text amoCRM users read comes from here, in this language (R-LANG). */
  private final MessageCatalog texts;
  private final Language language;

  private final Optional<Employee> employee;
  /** The endpoint the decision names: an unknown one when any leg had one, else the chosen one. */
  private final Optional<String> endpoint;
  private final boolean unknownEndpoint;
  /** R-LIFE: the call already wrote its records (ids known): news about it edits them. */
  private final boolean update;
  /** What earlier events of this call created (from the journal). */
  private final Optional<Long> createdContact;
  private final Optional<Long> createdDeal;
  /** What the CRM holds, as the SDK picks it (empty without a view). */
  private final Optional<CrmContact> primaryContact;
  private final Optional<CrmDeal> primaryOpenDeal;
  private final Optional<CrmUnsorted> pendingUnsorted;
  /** The client's responsible manager: the open deal's, else the contact's, else the request's. */
  private final Optional<Long> responsible;
  private final boolean existing;
  private final Scenario scenario;
  /** R-HOURS: the schedules in the account's zone, and whether the call started outside them. */
  private final Optional<Schedules> schedules;
  private final boolean outsideHours;
  private final MatrixCell cell;
  /** R-LIFE: the open tasks the SDK made from a missed-call cell's template for this phone. */
  private final List<OpenTask> openCallbackTasks;

  /** R-FILTER: the call's real talk time, the direction's minimum, and whether it fell short. */
  private final Duration talkTime;
  private final Duration minTalkTime;
  private final boolean tooShort;
  /** R-FILTER: the client's number is on the block list (and calls on it are recorded). */
  private boolean blocked;

  private final List<Effect> effects = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private boolean skippedDone;
  private Optional<EntityRef> contact = Optional.empty();
  private Optional<EntityRef> deal = Optional.empty();

  public Decision(CallEvent received, PhoneParse phone, Optional<CrmView> view,
      IntegrationSettings settings, CallProgress progress) {
    // R-FILTER: an answered call that ended below the direction's minimum talk time counts as
    // missed; the rest of the decision sees it as a missed call (no answer)
    this.talkTime = received.talkTime();
    this.minTalkTime = settings.minTalkTimeOf(received.direction());
    // a talk time the event does not give (no answeredAt) is unknown, not short
    this.tooShort = received.phase().isFinal() && received.isAnswered()
        && received.answeredAt().isPresent() && talkTime.compareTo(minTalkTime) < 0;
    CallEvent event = tooShort
        ? CallEvent.builder().from(received).disposition(Disposition.NO_ANSWER).build()
        : received;
    this.event = event;
    this.phone = phone;
    this.number = phone.number();
    this.view = view;
    this.settings = settings;
    this.progress = progress;
    this.line = settings.trackingLineOf(received);
    this.matrix = line.flatMap(l -> l.line().matrix()).orElse(settings.matrix());
    this.texts = settings.messageCatalog();
    this.language = settings.effectiveLanguage();
    Optional<String> chosen = chosenEndpoint(event, matrix);
    this.employee = chosen.flatMap(settings.directory()::byEndpoint);
    // R-LIFE: an endpoint of any leg that belongs to no employee raises the settings task
    Optional<String> unknown = event.talkedEndpoints().stream()
        .filter(e -> settings.directory().byEndpoint(e).isEmpty()).findFirst();
    this.endpoint = unknown.or(() -> chosen);
    this.unknownEndpoint = event.isAnswered() && (unknown.isPresent()
        || (event.talkedEndpoints().isEmpty() && event.direction() == CallDirection.INBOUND));
    this.update = event.phase().isFinal() && !progress.records().isEmpty();
    this.createdContact = progress.createdByCall(EntityType.CONTACT);
    this.createdDeal = progress.createdByCall(EntityType.DEAL);
    this.primaryContact = view.flatMap(CrmView::primaryContact);
    this.primaryOpenDeal = view.flatMap(CrmView::primaryOpenDeal);
    this.pendingUnsorted = view.flatMap(CrmView::pendingUnsorted);
    // an update renders the record against the responsible it was first rendered against
    this.responsible = update
        ? progress.records().values().iterator().next().clientResponsibleUserId()
        : primaryOpenDeal.flatMap(CrmDeal::responsibleUserId)
            .or(() -> primaryContact.flatMap(CrmContact::responsibleUserId))
            .or(() -> pendingUnsorted.flatMap(CrmUnsorted::responsibleUserId));
    // R-CLASS: the client is existing when the CRM held something for the phone before this
    // call. What this call itself created (on ANSWERED) does not count, so the scenario of
    // ANSWERED and ENDED is the same, whichever cell created what.
    this.existing = update ? responsible.isPresent() : !progress.hasUncertainCreation()
        && view.map(v -> existedBefore(v, progress)).orElse(false);
    this.scenario = Scenario.of(event.direction(), event.isAnswered(), existing);
    this.schedules = settings.schedules();
    // the call's start decides, so that every phase of one call picks the same cell
    this.outsideHours = schedules.map(h -> !h.account().isOpen(event.startedAt())).orElse(false);
    this.cell = matrix.cell(scenario, outsideHours);
    this.openCallbackTasks = view.map(CrmView::openCallbackTasks).orElse(List.of()).stream()
        .filter(t -> callbackTemplates(matrix).contains(t.template())).toList();
  }

  public Plan plan() {
    lines.add(headerLine());
    Optional<Plan> filtered = filter();
    if (filtered.isPresent()) {
      return filtered.get();
    }
    if (event.phase() == CallPhase.RINGING) {
      return ringing();
    }
    lines.add(matrixLine());
    lines.add(answererLine());
    if (phone instanceof PhoneParse.Invalid invalid) {
      return invalidPhone(invalid);
    }
    PhoneNumber number = this.number.orElseThrow();
    if (update) {
      return updateRecords(number);
    }
    lines.add(clientLine());
    resolveExistingEntities();
    boolean ended = event.phase().isFinal();
    if (blocked) {
      if (ended) {
        recordCall(number);
      }
      return finish();
    }
    if (ended || cell.createOn() == Timing.ON_ANSWER) {
      createEntities(number);
    }
    if (ended) {
      updateTracking();
      recordCall(number);
      completeCallbackTasks();
    }
    // before the cell's task: when both use one template, the settings check for the senior
    // manager wins, on ENDED-only hosts as on hosts that also send ANSWERED
    unknownEndpointTask();
    if (ended) {
      cell.task().ifPresent(rule -> task(rule, "cell " + scenario + " asks for it"));
    }
    return finish();
  }

  // --- which calls count (R-FILTER) ------------------------------------------------------------

  /**
   * Internal calls and blocked numbers, before anything else: a plan with nothing to do, or empty
   * to go on. Notes a call that fell below the minimum talk time.
   */
  private Optional<Plan> filter() {
    if (tooShort) {
      lines.add("Talk time " + seconds(talkTime) + " is below the minimum of "
          + seconds(minTalkTime) + " for " + event.direction().name().toLowerCase(Locale.ROOT)
          + " calls (minTalkTime): counted as missed");
    }
    Optional<Scenario> s = event.phase() == CallPhase.RINGING ? Optional.empty()
        : Optional.of(scenario);
    if (line.isPresent()) {
      if (line.get().line().ignores()) {
        lines.add("Tracking line '" + line.get().line().name() + "' (" + line.get().matched()
            + "): its calls are ignored (trackingLines): nothing to do");
        return Optional.of(Plan.nothing(event.callId(), s, NoAction.IGNORED_LINE, lines));
      }
      lines.add("Tracking line '" + line.get().line().name() + "' (" + line.get().matched()
          + "): decided by its own matrix " + matrix.name() + " (trackingLines)");
    }
    if (number.isEmpty()) {
      return Optional.empty();
    }
    if (settings.ignoreInternalCalls()) {
      Optional<Employee> colleague = settings.directory().byPhone(number.get());
      if (colleague.isPresent()) {
        lines.add("Internal call: the client phone is a phone of employee "
            + colleague.get().name() + " (ignoreInternalCalls): nothing to do");
        return Optional.of(Plan.nothing(event.callId(), s, NoAction.INTERNAL_CALL, lines));
      }
    }
    if (settings.isBlocked(number.get())) {
      if (!settings.recordBlockedOnExisting()) {
        lines.add("Blocked number (blockedNumbers): nothing is created or recorded");
        return Optional.of(Plan.nothing(event.callId(), s, NoAction.BLOCKED_NUMBER, lines));
      }
      if (!existing && createdContact.isEmpty() && createdDeal.isEmpty()) {
        lines.add("Blocked number (blockedNumbers): no contact or deal exists to record the call"
            + " on, and none is created");
        return Optional.of(Plan.nothing(event.callId(), s, NoAction.BLOCKED_NUMBER, lines));
      }
      lines.add("Blocked number (blockedNumbers): nothing is created, no task is set; the call"
          + " is recorded on what exists (recordBlockedOnExisting)");
      blocked = true;
    }
    return Optional.empty();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
  }

  // --- phases -------------------------------------------------------------------------------

  private Plan ringing() {
    if (settings.callPopup() && event.direction() == CallDirection.INBOUND
        && number.isPresent()) {
      EffectKey k = key(EffectKind.NOTIFY, "");
      if (alreadyDone(k)) {
        return Plan.nothing(event.callId(), Optional.empty(), NoAction.ALREADY_DONE,
            lines);
      }
      List<Long> users = responsible.map(List::of).orElseGet(this::allEmployeeUsers);
      add(new Effect.NotifyIncomingCall(k,
          "callPopup is on: show amoCRM's incoming-call popup while it rings",
          number.get(), users));
      return new Plan(event.callId(), Optional.empty(), effects, lines, Optional.empty(),
          Optional.empty());
    }
    return Plan.nothing(event.callId(), Optional.empty(), NoAction.RINGING, lines);
  }

  private Plan invalidPhone(PhoneParse.Invalid invalid) {
    lines.add("Client: the number could not be normalized (" + invalid.problem()
        + "); no lookup, nothing can be created or recorded for it");
    if (event.isMissed() && event.direction() == CallDirection.INBOUND) {
      task(new TaskRule(Assignee.SENIOR_MANAGER, MatrixPresets.INVALID_PHONE_TASK),
          "a missed call from an unrecognized number still needs a person (R-PHONE)");
    }
    unknownEndpointTask();
    if (effects.isEmpty() && !skippedDone) {
      return Plan.nothing(event.callId(), Optional.of(scenario), NoAction.INVALID_PHONE,
          lines);
    }
    return finish();
  }

  private Plan finish() {
    if (!effects.isEmpty()) {
      return Plan.of(event.callId(), scenario, effects, lines);
    }
    NoAction why;
    if (skippedDone) {
      why = NoAction.ALREADY_DONE;
    } else if (event.phase() == CallPhase.ANSWERED && hasWorkAtEnd()) {
      why = NoAction.NOT_YET;
    } else if (!existing && !cell.creates() && wantsTarget()) {
      why = NoAction.NO_TARGET_ENTITY;
      lines.add("No contact or deal has this phone, and the matrix creates none: "
          + "nothing to update");
    } else {
      why = NoAction.MATRIX_SAYS_NOTHING;
    }
    Plan plan = Plan.nothing(event.callId(), Optional.of(scenario), why, lines);
    if (why == NoAction.NO_TARGET_ENTITY && settings.updateOnlyRetryDelay().isPresent()) {
      return plan.withRetryLookupAfter(settings.updateOnlyRetryDelay().get());
    }
    return plan;
  }

  private boolean hasWorkAtEnd() {
    return cell.recordCall() != RecordTarget.NONE || cell.task().isPresent()
        || cell.updateTracking() || cell.creates();
  }

  private boolean wantsTarget() {
    return cell.recordCall() != RecordTarget.NONE || cell.updateTracking();
  }

  // --- entities -----------------------------------------------------------------------------

  private void resolveExistingEntities() {
    contact = createdContact.map(id -> EntityRef.existing(EntityType.CONTACT, id));
    deal = createdDeal.map(id -> EntityRef.existing(EntityType.DEAL, id));
    if (view.isEmpty()) {
      return;
    }
    // per entity: what this call created, else what the CRM holds, else the pending unsorted
    // request's (an existing client's contact stays the target when this call created only a
    // deal for it)
    Optional<CrmUnsorted> u = primaryContact.isEmpty() && primaryOpenDeal.isEmpty()
        ? pendingUnsorted : Optional.empty();
    if (contact.isEmpty()) {
      contact = primaryContact.map(c -> EntityRef.existing(EntityType.CONTACT, c.id()))
          .or(() -> u.flatMap(CrmUnsorted::contactId)
              .map(id -> EntityRef.existing(EntityType.CONTACT, id)));
    }
    if (deal.isEmpty()) {
      deal = primaryOpenDeal.map(d -> EntityRef.existing(EntityType.DEAL, d.id()))
          .or(() -> u.flatMap(CrmUnsorted::leadId)
              .map(id -> EntityRef.existing(EntityType.DEAL, id)));
    }
  }

  private void createEntities(PhoneNumber number) {
    if (!cell.creates()) {
      return;
    }
    long assignee = assignee(cell.assignee());
    String assigneeText = userText(assignee);
    Optional<PipelineTarget> pipeline = Optional.empty();
    boolean needsPipeline = (cell.createUnsorted() && !existing)
        || (cell.deal() != DealPolicy.NEVER);
    if (needsPipeline) {
      pipeline = pipeline();
    }
    if (cell.createUnsorted()) {
      if (existing) {
        return;
      }
      EffectKey k = key(EffectKind.CREATE_UNSORTED, "");
      if (alreadyDone(k)) {
        return;
      }
      add(Effect.CreateUnsorted.builder()
          .key(k)
          .reason("cell " + scenario + " creates an unsorted request, assigned to " + assigneeText)
          .callId(event.callId())
          .phone(number)
          .pipelineId(pipeline.map(PipelineTarget::pipelineId))
          .calledAt(event.startedAt())
          .duration(event.talkTime())
          .recordingUrl(event.recordingUrl())
          .responsibleUserId(assignee)
          .contactName(contactName())
          .dealName(settings.customDealNameTemplate().map(this::render)
              .orElseGet(() -> text(MessageKey.UNSORTED_DEAL_NAME)))
          .fields(fields(EntityType.DEAL))
          .tags(dealTags())
          .contactFields(fields(EntityType.CONTACT))
          .contactTags(tags(EntityType.CONTACT))
          .source(settings.sourceName())
          .build());
      deal = Optional.of(EntityRef.createdBy(EntityType.DEAL, k));
      contact = Optional.of(EntityRef.createdBy(EntityType.CONTACT, k));
      return;
    }
    if (cell.createContact() && contact.isEmpty()) {
      EffectKey k = key(EffectKind.CREATE_CONTACT, "");
      if (!alreadyDone(k)) {
        add(Effect.CreateContact.builder()
            .key(k)
            .reason("cell " + scenario + " creates a contact for a client without one, assigned to "
                + assigneeText)
            .name(contactName())
            .phone(number)
            .responsibleUserId(assignee)
            .fields(fields(EntityType.CONTACT))
            .tags(tags(EntityType.CONTACT))
            .build());
        contact = Optional.of(EntityRef.createdBy(EntityType.CONTACT, k));
      }
    }
    boolean wantDeal = cell.deal() == DealPolicy.ALWAYS
        || (cell.deal() == DealPolicy.IF_NO_OPEN_DEAL && deal.isEmpty());
    EffectKey dk = key(EffectKind.CREATE_DEAL, "");
    if (wantDeal && !progress.isDone(dk)) {
      String why = cell.deal() == DealPolicy.ALWAYS ? "a deal for every call"
          : existing ? "a deal because the client has no open one" : "a deal for a new client";
      add(Effect.CreateDeal.builder()
          .key(dk)
          .reason("cell " + scenario + " creates " + why + ", assigned to " + assigneeText + ", in "
              + pipeline.map(Object::toString).orElse("the main pipeline"))
          .name(settings.customDealNameTemplate().map(this::render)
              .orElseGet(() -> text(MessageKey.DEAL_NAME)))
          .contact(contact)
          .pipelineId(pipeline.map(PipelineTarget::pipelineId))
          .statusId(pipeline.flatMap(PipelineTarget::statusId))
          .responsibleUserId(assignee)
          .fields(fields(EntityType.DEAL))
          .tags(dealTags())
          .build());
      deal = Optional.of(EntityRef.createdBy(EntityType.DEAL, dk));
    } else if (wantDeal || progress.isDone(dk)) {
      alreadyDone(dk);
    }
  }

  private Optional<PipelineTarget> pipeline() {
    List<PipelineRule> rules = settings.pipelineRules();
    for (int i = 0; i < rules.size(); i++) {
      PipelineRule rule = rules.get(i);
      if (rule.matches(event)) {
        lines.add("Pipeline: rule #" + (i + 1) + " matched (" + rule + ")");
        return Optional.of(rule.target());
      }
    }
    if (settings.defaultPipeline().isPresent()) {
      lines.add("Pipeline: no rule matched; default " + settings.defaultPipeline().get());
    } else {
      lines.add("Pipeline: no rule matched and no default; the account's main pipeline");
    }
    return settings.defaultPipeline();
  }

  private void updateTracking() {
    if (!cell.updateTracking() || !existing) {
      return;
    }
    Optional<EntityRef> target = deal.or(() -> contact);
    if (target.isEmpty()) {
      return;
    }
    EntityType type = target.get().type();
    List<FieldValue> fields = fields(type);
    // Only the call's tracking data: the settings' static tags are for new deals, and writing
    // them again on every call would be a request that changes nothing.
    List<String> tags = tags(type);
    if (fields.isEmpty() && tags.isEmpty()) {
      return;
    }
    EffectKey k = key(EffectKind.UPDATE_FIELDS, lower(type));
    if (alreadyDone(k)) {
      return;
    }
    add(new Effect.UpdateFields(k,
        "cell " + scenario + " writes the call's tracking data into the existing " + lower(type),
        target.get(), fields, tags));
  }

  // --- call records and tasks ---------------------------------------------------------------

  private void recordCall(PhoneNumber number) {
    List<EntityRef> targets = recordTargets();
    if (cell.recordCall() == RecordTarget.NONE) {
      return;
    }
    if (targets.isEmpty()) {
      lines.add("Call record: no contact or deal to attach it to");
      return;
    }
    if (cell.recordCall() != RecordTarget.BOTH) {
      // R-LIFE: one record per call, even when the entities seen changed since it was written
      Optional<EffectKey> written = progress.done().keySet().stream()
          .filter(k -> k.kind() == EffectKind.RECORD_CALL).findFirst();
      if (written.isPresent()) {
        alreadyDone(written.get());
        return;
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      EntityRef target = targets.get(i);
      EffectKey k = key(EffectKind.RECORD_CALL, lower(target.type()));
      if (alreadyDone(k)) {
        continue;
      }
      add(record(k, target, number, "cell " + scenario + " records the call on the "
          + lower(target.type()) + " (" + cell.recordCall() + ")"));
    }
  }

  /** The call record of this event on {@code target}. */
  private Effect.RecordCall record(EffectKey k, EntityRef target, PhoneNumber number, String why) {
    Disposition disposition = event.disposition().orElseThrow();
    Optional<Long> author = employee.map(Employee::amoUserId);
    long recordResponsible =
        author.orElseGet(() -> responsible.orElse(settings.seniorManagerUserId()));
    // a call counted as missed (R-FILTER) keeps its real, too short talk time on the record
    return Effect.RecordCall.builder()
        .key(k)
        .reason(why + (tooShort ? "; talk time " + seconds(talkTime)
            + " below the minimum of " + seconds(minTalkTime) + ": recorded as missed" : ""))
        .target(target)
        .direction(event.direction())
        .uniq(event.callId())
        .phone(number)
        .duration(talkTime)
        .recordingUrl(event.recordingUrl())
        .status(CallStatus.of(disposition))
        .result(callResult(disposition))
        .authorUserId(author)
        .responsibleUserId(recordResponsible)
        .calledAt(event.startedAt())
        .source(settings.sourceName())
        .clientResponsibleUserId(existing ? responsible : Optional.empty())
        .build();
  }

  /**
   * R-LIFE: news about a call that already wrote its records (a later recording link, the final
   * duration or disposition, the legs): each record is edited to say what the call now says, with
   * one request and no lookup; nothing else is decided again.
   */
  private Plan updateRecords(PhoneNumber number) {
    lines.add("Update: this call already wrote " + progress.records().size()
        + " call record(s); what it now says edits them, no second record (R-LIFE)");
    for (Map.Entry<EffectKey, WrittenRecord> e : progress.records().entrySet()) {
      WrittenRecord w = e.getValue();
      String where = lower(w.entityType()) + " #" + w.entityId();
      Effect.RecordCall now = record(e.getKey(), EntityRef.existing(w.entityType(), w.entityId()),
          number, "the call record on the " + where);
      if (now.content().equals(w.content())) {
        skippedDone = true;
        lines.add("= the call record (note #" + w.noteId() + ") on the " + where
            + " already says this");
        continue;
      }
      EffectKey k = key(EffectKind.UPDATE_CALL_RECORD,
          e.getKey().target() + "@" + contentHash(now.content()));
      if (alreadyDone(k)) {
        continue;
      }
      add(new Effect.UpdateCallRecord(k, "the call changed after its end: edit the call record"
          + " (note #" + w.noteId() + ") on the " + where, e.getKey(), w.entityType(),
          w.entityId(), w.noteId(), now));
    }
    return finish();
  }

  /** 64 bits of FNV-1a over {@code content}, in hex: tells one edit of a record from another. */
  private static String contentHash(String content) {
    long h = 0xcbf29ce484222325L;
    for (byte b : content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return String.format(Locale.ROOT, "%016x", h);
  }

  /**
   * The endpoint whose employee the call belongs to: on a call with legs, the leg the matrix's
   * {@code responsibleLeg} picks; else the event's endpoint.
   */
  private static Optional<String> chosenEndpoint(CallEvent event, DecisionMatrix matrix) {
    List<CallLeg> legs = event.legs();
    if (legs.isEmpty()) {
      return event.employeeEndpoint();
    }
    switch (matrix.responsibleLeg()) {
      case LAST:
        return Optional.of(legs.get(legs.size() - 1).endpoint());
      case LONGEST:
        CallLeg longest = legs.get(0);
        for (CallLeg l : legs) {
          if (l.duration().compareTo(longest.duration()) > 0) {
            longest = l;
          }
        }
        return Optional.of(longest.endpoint());
      case FIRST:
      default:
        return Optional.of(legs.get(0).endpoint());
    }
  }

  private List<EntityRef> recordTargets() {
    switch (cell.recordCall()) {
      case CONTACT:
        return present(contact.isPresent() ? contact : deal);
      case DEAL:
      case DEAL_ELSE_CONTACT:
        return present(deal.isPresent() ? deal : contact);
      case BOTH:
        if (deal.isPresent() && contact.isPresent()) {
          return List.of(deal.get(), contact.get());
        }
        return present(deal.isPresent() ? deal : contact);
      case NONE:
      default:
        return List.of();
    }
  }

  private static <T> List<T> present(Optional<T> value) {
    return value.isPresent() ? List.of(value.get()) : List.of();
  }

  private String callResult(Disposition disposition) {
    switch (disposition) {
      case NO_ANSWER:
        return text(MessageKey.RESULT_MISSED_NO_ANSWER);
      case BUSY:
        return text(MessageKey.RESULT_MISSED_BUSY);
      case FAILED:
        return text(MessageKey.RESULT_MISSED_FAILED);
      case VOICEMAIL:
        return text(MessageKey.RESULT_MISSED_VOICEMAIL);
      case ANSWERED:
      default:
        break;
    }
    List<String> talked = event.talkedEndpoints();
    if (talked.size() > 1) {
      List<String> names = talked.stream().map(ep -> settings.directory().byEndpoint(ep)
          .map(Employee::name).orElse(ep)).distinct().toList();
      if (names.size() > 1) {
        return text(MessageKey.RESULT_TRANSFERRED, Map.of("talked", String.join(", ", names)));
      }
    }
    if (employee.isEmpty()) {
      return endpoint.isPresent() ? text(MessageKey.RESULT_UNKNOWN_ENDPOINT)
          : text(MessageKey.RESULT_TALKED);
    }
    Employee e = employee.get();
    boolean inbound = event.direction() == CallDirection.INBOUND;
    if (existing && responsible.isPresent() && responsible.get() != e.amoUserId()) {
      String name = responsibleName(responsible.get());
      return text(inbound ? MessageKey.RESULT_ANSWERED_BY_NOT_RESPONSIBLE
          : MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE, Map.of("responsible", name));
    }
    return text(inbound ? MessageKey.RESULT_ANSWERED_BY : MessageKey.RESULT_CALLED_BY);
  }

  /** A responsible manager as amoCRM users know them: the employee's name, else the user id. */
  private String responsibleName(long userId) {
    return settings.directory().byAmoUser(userId).map(Employee::name).orElse("#" + userId);
  }

  private void unknownEndpointTask() {
    if (unknownEndpoint && matrix.unknownEndpointTask().isPresent()) {
      TaskRule rule = matrix.unknownEndpointTask().get();
      task(new TaskRule(Assignee.SENIOR_MANAGER, rule.template()),
          "the call was answered on '" + endpointText()
              + "', which belongs to no employee: the senior manager checks the settings");
    }
  }

  private void task(TaskRule rule, String why) {
    long assignee = rule.assignee() == Assignee.SENIOR_MANAGER
        ? settings.seniorManagerUserId()
        : taskAssignee(rule.assignee());
    EffectKey k = key(EffectKind.CREATE_TASK, rule.template());
    if (alreadyDone(k)) {
      return;
    }
    if (isInThisPlan(k)) {
      lines.add("= task '" + rule.template() + "' is already in this plan; one per call");
      return;
    }
    if (event.isMissed() && openCallbackTask(rule.template()).isPresent()) {
      OpenTask open = openCallbackTask(rule.template()).get();
      lines.add("= call-back task #" + open.id() + " ('" + open.template() + "', due "
          + open.deadline() + ") is still open for this client; no second one (R-LIFE)");
      return;
    }
    TaskTemplate template = settings.effectiveTaskTemplates().get(rule.template());
    add(Effect.CreateTask.builder()
        .key(k)
        .reason("task '" + rule.template() + "' for " + userText(assignee) + ": " + why)
        .target(deal.or(() -> contact))
        .assigneeUserId(assignee)
        .taskTypeId(template.taskTypeId())
        .text(taskText(rule.template()))
        .deadline(deadline(template.deadline(), assignee))
        .build());
  }

  /**
   * R-HOURS: {@code work} after the event, counted in the assignee's working hours (the
   * account's, unless the employee has their own); elapsed time without working hours.
   */
  private java.time.Instant deadline(Duration work, long assignee) {
    java.time.Instant from = event.occurredAt();
    if (schedules.isEmpty()) {
      return from.plus(work);
    }
    WorkingHours hours = schedules.get().forUser(assignee);
    try {
      java.time.Instant due = hours.addWorkingTime(from, work);
      if (!due.equals(from.plus(work))) {
        lines.add("Deadline: " + workText(work) + " of working time"
            + (schedules.get().employees().containsKey(assignee) ? " (" + userText(assignee)
                + "'s own hours)" : "") + " from " + localTime(from, hours) + " is "
            + localTime(due, hours) + " (workingHours)");
      }
      return due;
    } catch (IllegalStateException e) {
      lines.add("Deadline: no working time within " + WorkingHours.MAX_CLOSED_DAYS
          + " days; counted in elapsed time");
      return from.plus(work);
    }
  }

  /** "30 min", "2 h", "1 h 30 min". */
  private static String workText(Duration d) {
    long h = d.toHours();
    long m = d.toMinutesPart();
    return h == 0 ? d.toMinutes() + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
  }

  private static String localTime(java.time.Instant t, WorkingHours hours) {
    return LOCAL_TIME.format(t.atZone(hours.zone()));
  }

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("EEE dd.MM HH:mm", Locale.ROOT);

  /** The open call-back task from {@code template} on the entity a new task would be on. */
  private Optional<OpenTask> openCallbackTask(String template) {
    Optional<EntityRef> target = deal.or(() -> contact);
    for (OpenTask t : openCallbackTasks) {
      if (!t.template().equals(template)) {
        continue;
      }
      boolean same = target.isEmpty() ? t.isOnNoEntity()
          : target.get() instanceof EntityRef.Existing x
              && (x.type() == EntityType.DEAL ? t.dealId() : t.contactId()).equals(Optional.of(x.id()));
      if (same) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * R-LIFE: an answered call with the client completes the open call-back tasks the SDK created
   * for them (a matrix choice), with a result text naming this call.
   */
  private void completeCallbackTasks() {
    if (!event.isAnswered() || !matrix.completeCallbackTasks()) {
      return;
    }
    for (OpenTask t : openCallbackTasks) {
      if (progress.isDone(key(EffectKind.CREATE_TASK, t.template()))) {
        // this call made a task from the same template (e.g. the settings check on an unknown
        // endpoint): an open one may be its own, which no call-back completes
        continue;
      }
      EffectKey k = key(EffectKind.COMPLETE_TASK, Long.toString(t.id()));
      if (alreadyDone(k)) {
        continue;
      }
      add(Effect.CompleteTask.builder()
          .key(k)
          .reason("call-back task #" + t.id() + " ('" + t.template()
              + "') is open for this client and this call was answered: complete it")
          .taskId(t.id())
          .resultText(text(MessageKey.CALLBACK_COMPLETED, Map.of("time", callTime())))
          .build());
    }
  }

  /** The call's start as amoCRM users read it: "25.11 10:15" in the account's time zone. */
  private String callTime() {
    return CALL_TIME.format(event.startedAt().atZone(
        settings.account().timeZone().orElse(ZoneOffset.UTC)));
  }

  private static final DateTimeFormatter CALL_TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");

  /** The templates of the tasks the matrix creates for missed calls: call-back tasks. */
  private static Set<String> callbackTemplates(DecisionMatrix m) {
    Set<String> out = new HashSet<>();
    for (Scenario s : Scenario.values()) {
      if (!s.answered()) {
        m.cellsOf(s).forEach(c -> c.task().ifPresent(t -> out.add(t.template())));
      }
    }
    return out;
  }

  // --- people -------------------------------------------------------------------------------

  /** Who new entities are assigned to; unknown endpoints always give the senior manager. */
  private long assignee(Assignee who) {
    if (unknownEndpoint) {
      return settings.seniorManagerUserId();
    }
    return taskAssignee(who);
  }

  private long taskAssignee(Assignee who) {
    long senior = settings.seniorManagerUserId();
    switch (who) {
      case SENIOR_MANAGER:
        return senior;
      case RESPONSIBLE:
        return responsible.or(() -> employee.map(Employee::amoUserId)).orElse(senior);
      case ANSWERING_EMPLOYEE:
      default:
        return employee.map(Employee::amoUserId).orElse(senior);
    }
  }

  private List<Long> allEmployeeUsers() {
    return List.copyOf(new LinkedHashSet<>(
        settings.employees().stream().map(Employee::amoUserId).toList()));
  }

  // --- fields and text ----------------------------------------------------------------------

  private List<FieldValue> fields(EntityType entity) {
    List<FieldValue> out = new ArrayList<>();
    for (FieldMapping m : settings.fieldMappings()) {
      if (m.entity() != entity || !m.writesField()) {
        continue;
      }
      CallParameters.value(event, m.parameter()).filter(v -> !v.isBlank()).ifPresent(v ->
          out.add(new FieldValue(m.fieldId(), m.fieldCode(), v)));
    }
    return List.copyOf(out);
  }

  private List<String> tags(EntityType entity) {
    return tags(List.of(), entity);
  }

  private List<String> dealTags() {
    return tags(settings.tags(), EntityType.DEAL);
  }

  /** {@code first}, then the call's values mapped as tags of {@code entity}; each once. */
  private List<String> tags(List<String> first, EntityType entity) {
    List<String> out = new ArrayList<>();
    first.forEach(tag -> addOnce(out, tag));
    for (FieldMapping m : settings.fieldMappings()) {
      if (m.entity() == entity && m.asTag()) {
        CallParameters.value(event, m.parameter()).filter(v -> !v.isBlank())
            .ifPresent(tag -> addOnce(out, tag));
      }
    }
    return List.copyOf(out);
  }

  /** Adds {@code tag} unless present: a list, as there are only a few tags. */
  private static void addOnce(List<String> tags, String tag) {
    if (!tags.contains(tag)) {
      tags.add(tag);
    }
  }

  private String render(String template) {
    return Templates.render(template, this::placeholder);
  }

  /** The catalogue's text for {@code key} in the decision's language. */
  private String text(MessageKey key) {
    return texts.render(language, key, this::placeholder);
  }

  /** As {@link #text(MessageKey)}, with values for the key's extra placeholders. */
  private String text(MessageKey key, Map<String, String> extra) {
    return texts.render(language, key, name -> {
      String v = extra.get(name);
      return v != null ? v : placeholder(name);
    });
  }

  private String contactName() {
    return settings.customContactNameTemplate().map(this::render)
        .orElseGet(() -> text(MessageKey.CONTACT_NAME));
  }

  /** The task's text: the user's own template, else the catalogue's for a built-in task. */
  private String taskText(String templateName) {
    Optional<String> custom = settings.customTaskText(templateName);
    if (custom.isPresent()) {
      return render(custom.get());
    }
    MessageKey key = TASK_TEXTS.get(templateName);
    return key != null ? text(key)
        : render(settings.effectiveTaskTemplates().get(templateName).text());
  }

  /** The built-in task templates whose texts the catalogue holds. */
  private static final Map<String, MessageKey> TASK_TEXTS = Map.of(
      MatrixPresets.MISSED_CALL_TASK, MessageKey.TASK_MISSED_CALL,
      MatrixPresets.UNKNOWN_ENDPOINT_TASK, MessageKey.TASK_UNKNOWN_ENDPOINT,
      MatrixPresets.INVALID_PHONE_TASK, MessageKey.TASK_INVALID_PHONE);

  /** The value of template placeholder {@code name}; null for an unknown one. */
  private String placeholder(String name) {
    switch (name) {
      case "client_phone":
        return number.map(PhoneNumber::e164).orElse(phone.raw());
      case "employee_name":
        return employee.map(Employee::name).orElse(endpointText());
      case "endpoint":
        return endpointText();
      case "tracking_phone":
        return event.trackingPhone().orElse("-");
      case "call_id":
        return event.callId();
      case "pool":
        return event.tracking().pool().orElse("-");
      case "direction":
        // a direction text that itself says {direction} gets an empty value, not a loop
        return texts.render(language, event.direction() == CallDirection.INBOUND
            ? MessageKey.DIRECTION_INBOUND : MessageKey.DIRECTION_OUTBOUND,
            n -> n.equals("direction") ? "" : placeholder(n));
      default:
        return null;
    }
  }

  private String headerLine() {
    return "Call " + event.callId() + " (" + event.phase() + "): " + scenarioText()
        + ", phone " + phoneText();
  }

  private String matrixLine() {
    if (outsideHours) {
      WorkingHours hours = schedules.orElseThrow().account();
      boolean own = matrix.outsideHours().containsKey(scenario);
      return "Matrix " + matrix.name() + ", " + scenario + ", outside working hours (started "
          + localTime(event.startedAt(), hours) + " " + hours.zone() + "): "
          + (own ? "outsideHours cell: " : "no outsideHours cell, the ordinary one: ")
          + cell.description();
    }
    return "Matrix " + matrix.name() + ", " + scenario + ": " + cell.description();
  }

  private String answererLine() {
    String who = event.direction() == CallDirection.INBOUND ? "Answered by " : "Dialled by ";
    if (employee.isPresent()) {
      return who + employee.get().name() + " (" + endpointText() + ", amoCRM user "
          + employee.get().amoUserId() + ")";
    }
    if (unknownEndpoint) {
      return "Endpoint '" + endpointText() + "' belongs to no employee";
    }
    return event.isAnswered() ? who + "'" + endpointText() + "'" : "Nobody answered";
  }

  private String clientLine() {
    if (!existing) {
      if (createdContact.isPresent() || createdDeal.isPresent()) {
        return "Client: new; this call already created " + createdText();
      }
      if (view.isEmpty()) {
        return "Client: not looked up; nothing in this phase needs the CRM";
      }
      return "Client: new, the CRM holds no contact or open deal for this phone";
    }
    List<String> parts = new ArrayList<>();
    primaryContact.ifPresent(c -> parts.add("contact #" + c.id()
        + c.responsibleUserId().map(u -> " (responsible " + userText(u) + ")").orElse("")));
    primaryOpenDeal.ifPresent(d -> parts.add("open deal #" + d.id()
        + d.responsibleUserId().map(u -> " (responsible " + userText(u) + ")").orElse("")));
    if (parts.isEmpty()) {
      pendingUnsorted.ifPresent(u -> parts.add("unsorted request " + u.uid()));
    }
    return "Client: existing, " + String.join(", ", parts);
  }

  /** The scenario, or only direction and outcome when the client was not looked up. */
  private String scenarioText() {
    if (event.phase() == CallPhase.RINGING) {
      return (event.direction() == CallDirection.INBOUND ? "inbound" : "outbound")
          + " call ringing";
    }
    boolean known = view.isPresent() || createdContact.isPresent() || createdDeal.isPresent();
    if (known || number.isEmpty()) {
      return scenario.describe();
    }
    return (event.direction() == CallDirection.INBOUND ? "inbound " : "outbound ")
        + (event.isAnswered() ? "answered" : event.isMissed() ? "missed" : "ringing")
        + " call, client not looked up";
  }

  private String createdText() {
    List<String> parts = new ArrayList<>();
    createdContact.ifPresent(id -> parts.add("contact #" + id));
    createdDeal.ifPresent(id -> parts.add("deal #" + id));
    return String.join(" and ", parts);
  }

  private String userText(long userId) {
    Optional<Employee> e = settings.directory().byAmoUser(userId);
    if (e.isPresent()) {
      return e.get().name() + " (user " + userId + ")";
    }
    return userId == settings.seniorManagerUserId() ? "the senior manager (user " + userId + ")"
        : "user " + userId;
  }

  private String endpointText() {
    return endpoint.orElse("(not reported)");
  }

  private String phoneText() {
    return number.map(PhoneNumber::masked).orElse("unrecognized");
  }

  // --- bookkeeping --------------------------------------------------------------------------

  private EffectKey key(EffectKind kind, String target) {
    return EffectKey.of(event.callId(), kind, target);
  }

  private boolean alreadyDone(EffectKey k) {
    if (!progress.isDone(k)) {
      return false;
    }
    skippedDone = true;
    lines.add("= " + doneText(k) + " already done for this call (" + k + ")");
    return true;
  }

  /** What the effect with key {@code k} does, for "already done" lines. */
  private static String doneText(EffectKey k) {
    switch (k.kind()) {
      case NOTIFY:
        return "incoming-call popup";
      case CREATE_UNSORTED:
        return "unsorted request";
      case CREATE_CONTACT:
        return "contact";
      case CREATE_DEAL:
        return "deal";
      case UPDATE_FIELDS:
        return "tracking update";
      case RECORD_CALL:
        return "call record on the " + k.target();
      case UPDATE_CALL_RECORD:
        return "edit of the call record " + k.target();
      case CREATE_TASK:
        return "task '" + k.target() + "'";
      case COMPLETE_TASK:
        return "completion of task #" + k.target();
      default:
        throw new AssertionError(k.kind());
    }
  }

  private boolean isInThisPlan(EffectKey k) {
    for (Effect e : effects) {
      if (e.key().equals(k)) {
        return true;
      }
    }
    return false;
  }

  private void add(Effect e) {
    effects.add(e);
    lines.add("+ " + e.reason());
  }

  /**
   * True when {@code v} holds a contact, an open deal or a pending unsorted request that this
   * call did not create itself.
   */
  private static boolean existedBefore(CrmView v, CallProgress progress) {
    if (progress.isEmpty()) {
      return v.isExisting(); // this call created nothing yet
    }
    Set<Long> contacts = createdIds(progress, EntityType.CONTACT);
    Set<Long> deals = createdIds(progress, EntityType.DEAL);
    return v.contacts().stream().anyMatch(c -> !contacts.contains(c.id()))
        || v.deals().stream().anyMatch(d -> d.isOpen() && !deals.contains(d.id()))
        || v.unsorted().stream().anyMatch(u -> !u.leadId().map(deals::contains).orElse(false)
            && !u.contactId().map(contacts::contains).orElse(false));
  }

  private static Set<Long> createdIds(CallProgress progress, EntityType type) {
    Set<Long> out = new HashSet<>();
    progress.done().values().forEach(m -> {
      Long id = m.get(type);
      if (id != null) {
        out.add(id);
      }
    });
    return out;
  }

  private static String lower(EntityType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }
}
