package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.TaskTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;

/**
 * An independent model of SPEC §3 (R-CLASS, R-MATRIX, R-V1, R-V2, R-UNS, R-PIPE, R-FIELDS,
 * R-PHONE): what the CRM must hold after a sequence of call events and CRM actions. It is written
 * from the spec, not from the decision code: it never calls {@code Decision}, {@code Decider},
 * {@code CrmView}'s selection helpers or {@code MatrixCell}'s derived methods; it reads the
 * matrix cells as plain data (their components), the settings as plain data, and uses only the
 * input model's own semantics (an event's derived instants, the directory's endpoint lookup,
 * {@link Facts} for pipeline rules, fields and tags).
 *
 * <p>Its CRM behaves like amoCRM (and {@link FakeCrm}): a contact is found by its phone; a deal
 * through its contact; a deal created without a contact is found by no lookup; an unsorted
 * request's contact and deal stay hidden until a manager accepts it, who then becomes responsible
 * and the deal moves to the pipeline's first stage. {@link #snapshot()} and {@link
 * #snapshot(FakeCrm, Map)} render the model and a {@link FakeCrm} in one canonical text, so a
 * property compares them field by field: owners, pipelines, statuses, fields, tags, call records
 * per target with their owner, author, status and duration, and tasks with owner, text and
 * deadline. Entities are named by what created them ({@code contact(call-1)}, {@code
 * contact(ext-1)}), not by ids.
 *
 * <p>R-LIFE: a transferred call belongs to the leg the matrix names ({@code responsibleLeg}) and
 * an endpoint of any leg that belongs to nobody raises the settings task; news after the end
 * ({@code UPDATED}) edits the call's records (status, duration, link) and nothing else; an
 * answered call completes the client's open call-back tasks, including those on its pending
 * unsorted request, which the integration remembers while amoCRM hides them.
 *
 * <p>{@link #crm()} gives the model as values, for comparisons with another CRM (the integration
 * suites compare the emulated amoCRM with it); the constructor with stages adapts the model to an
 * account's pipeline and stage ids.
 *
 * <p>Not modelled (compared elsewhere): entity names, call-record result texts (R-LANG may
 * translate them), incoming-call popups, companies, working-hours deadlines (a deadline is the
 * event's instant plus the template's delay), an UPDATED before its ENDED.
 */
public final class Oracle {
  /** amoCRM's closed statuses (R-CLASS). */
  private static final long WON = 142;
  private static final long LOST = 143;

  private final IntegrationSettings settings;
  private final Map<String, OContact> contacts = new LinkedHashMap<>();
  private final Map<String, ODeal> deals = new LinkedHashMap<>();
  private final Map<String, OUnsorted> unsorted = new LinkedHashMap<>();
  private final List<ORecord> records = new ArrayList<>();
  private final List<OTask> tasks = new ArrayList<>();
  private final long mainPipeline;
  private final LongUnaryOperator firstStage;
  private final LongUnaryOperator unsortedStage;
  private int externals;
  private int externalDeals;

  private static final class OContact {
    final String key;
    final PhoneNumber phone;
    long responsible;
    List<FieldValue> fields;
    List<String> tags;
    boolean hidden;

    OContact(String key, PhoneNumber phone, long responsible, List<FieldValue> fields,
        List<String> tags, boolean hidden) {
      this.key = key;
      this.phone = phone;
      this.responsible = responsible;
      this.fields = fields;
      this.tags = tags;
      this.hidden = hidden;
    }
  }

  private static final class ODeal {
    final String key;
    final Optional<String> contact;
    final long pipeline;
    long status;
    long responsible;
    List<FieldValue> fields;
    List<String> tags;
    boolean hidden;

    ODeal(String key, Optional<String> contact, long pipeline, long status, long responsible,
        List<FieldValue> fields, List<String> tags, boolean hidden) {
      this.key = key;
      this.contact = contact;
      this.pipeline = pipeline;
      this.status = status;
      this.responsible = responsible;
      this.fields = fields;
      this.tags = tags;
      this.hidden = hidden;
    }

    boolean open() {
      return status != WON && status != LOST;
    }
  }

  /** A task; one on an entity is {@code open} until an answered call of the client completes it. */
  private static final class OTask {
    final Task value;
    boolean open = true;

    OTask(Task value) {
      this.value = value;
    }

    Optional<String> target() {
      return value.target();
    }
  }

  /** A call record; R-LIFE edits its status, duration and link when the call says more. */
  private static final class ORecord {
    Record value;

    ORecord(Record value) {
      this.value = value;
    }
  }

  private static final class OUnsorted {
    final String callId;
    final PhoneNumber phone;
    final Optional<Long> pipeline;
    long responsible;
    boolean accepted;

    OUnsorted(String callId, PhoneNumber phone, Optional<Long> pipeline, long responsible) {
      this.callId = callId;
      this.phone = phone;
      this.pipeline = pipeline;
      this.responsible = responsible;
    }
  }

  /** A model whose CRM numbers pipelines and stages as {@link FakeCrm} does. */
  public Oracle(IntegrationSettings settings) {
    this(settings, FakeCrm.MAIN_PIPELINE, p -> p * 10 + 1, p -> p * 10);
  }

  /**
   * A model of an account whose main pipeline is {@code mainPipeline}; {@code firstStage} and
   * {@code unsortedStage} give a pipeline's first regular stage and its Unsorted stage.
   */
  public Oracle(IntegrationSettings settings, long mainPipeline, LongUnaryOperator firstStage,
      LongUnaryOperator unsortedStage) {
    this.settings = settings;
    this.mainPipeline = mainPipeline;
    this.firstStage = firstStage;
    this.unsortedStage = unsortedStage;
  }

  // --- what the model holds, as values ------------------------------------------------------

  /** A contact; {@code key} names what created it ({@code contact(call-1)}, {@code contact(ext-1)}). */
  public record Contact(String key, PhoneNumber phone, long responsible, List<FieldValue> fields,
      List<String> tags, boolean hidden) {}

  /** A deal; {@code hidden} while its unsorted request waits for a manager. */
  public record Deal(String key, Optional<String> contact, long pipeline, long status,
      long responsible, List<FieldValue> fields, List<String> tags, boolean hidden) {}

  /** An unsorted request of call {@code callId}; empty pipeline: the main one. */
  public record Unsorted(String callId, PhoneNumber phone, Optional<Long> pipeline,
      long responsible, boolean accepted) {}

  /** A call record (amoCRM's call note) of call {@code uniq} on the entity {@code target}. */
  public record Record(String uniq, String target, CallDirection direction, String status,
      Duration duration, Optional<Long> author, long owner, Optional<String> link) {}

  /** A task of call {@code callId} from {@code template}; no target: a task on no entity. */
  public record Task(String callId, String template, Optional<String> target, long owner,
      int type, String text, Instant due, boolean open) {}

  /** Everything the model says the CRM holds, in creation order. */
  public record Crm(List<Contact> contacts, List<Deal> deals, List<Unsorted> unsorted,
      List<Record> records, List<Task> tasks) {}

  /** What the CRM must hold now. */
  public Crm crm() {
    return new Crm(
        contacts.values().stream().map(c -> new Contact(c.key, c.phone, c.responsible, c.fields,
            c.tags, c.hidden)).toList(),
        deals.values().stream().map(d -> new Deal(d.key, d.contact, d.pipeline, d.status,
            d.responsible, d.fields, d.tags, d.hidden)).toList(),
        unsorted.values().stream().map(u -> new Unsorted(u.callId, u.phone, u.pipeline,
            u.responsible, u.accepted)).toList(),
        records.stream().map(r -> r.value).toList(),
        tasks.stream().map(t -> new Task(t.value.callId(), t.value.template(), t.value.target(),
            t.value.owner(), t.value.type(), t.value.text(), t.value.due(), t.open)).toList());
  }

  // --- actions ------------------------------------------------------------------------------

  /** Another integration adds a contact; returns its key ({@code contact(ext-N)}). */
  public String externalContact(PhoneNumber phone, long responsible) {
    String key = "contact(ext-" + (++externals) + ")";
    contacts.put(key, new OContact(key, phone, responsible, List.of(), List.of(), false));
    return key;
  }

  /**
   * Another integration (or a manager) adds a deal to the contact {@code contactKey}; returns its
   * key ({@code deal(ext-N)}).
   */
  public String externalDeal(String contactKey, long pipeline, long status, long responsible) {
    String key = "deal(ext-" + (++externalDeals) + ")";
    deals.put(key, new ODeal(key, Optional.of(contactKey), pipeline, status, responsible,
        List.of(), List.of(), false));
    return key;
  }

  /** A manager accepts the phone's pending unsorted request, if any. */
  public void accept(PhoneNumber phone, long userId) {
    for (OUnsorted u : unsorted.values()) {
      if (!u.accepted && u.phone.equals(phone)) {
        u.accepted = true;
        u.responsible = userId;
        OContact c = contacts.get(contactKey(u.callId));
        c.hidden = false;
        c.responsible = userId;
        ODeal d = deals.get(dealKey(u.callId));
        d.hidden = false;
        d.responsible = userId;
        d.status = firstStage.applyAsLong(d.pipeline);
        return;
      }
    }
  }

  /** The phone's first open deal (the client's contact's first, else by creation) is closed. */
  public void close(PhoneNumber phone, boolean won) {
    visibleOpenDeals(phone).stream().findFirst()
        .ifPresent(d -> d.status = won ? WON : LOST);
  }

  /**
   * The events of one call, in order, from the client's {@code phone} (empty: the number could not
   * be normalized). Delivering an event twice changes nothing (R-ONCE), so repeats are not passed.
   */
  public void call(Optional<PhoneNumber> phone, List<CallEvent> events) {
    CallState state = new CallState();
    for (CallEvent e : events) {
      if (e.phase() == CallPhase.RINGING) {
        continue; // popups are not modelled
      }
      if (e.phase() == CallPhase.UPDATED) {
        update(e, state);
        continue;
      }
      if (phone.isEmpty()) {
        invalidPhone(e, state);
      } else {
        event(phone.get(), e, state);
      }
      if (e.phase() == CallPhase.ENDED) {
        state.ended = Optional.of(e);
      }
    }
  }

  /** What one call did so far: its effect keys, the entities it created, how it ended. */
  private static final class CallState {
    final Set<String> done = new HashSet<>();
    Optional<String> createdContact = Optional.empty();
    Optional<String> createdDeal = Optional.empty();
    Optional<CallEvent> ended = Optional.empty();
  }

  /**
   * R-LIFE: news after the end edits what the call's records say (status, duration, link); what
   * the news leaves out keeps its value; owner and author stay. Nothing else changes.
   */
  private void update(CallEvent news, CallState st) {
    CallEvent before = st.ended.orElseThrow(() -> new UnsupportedOperationException(
        "the oracle models an UPDATED only after its ENDED: " + news.callId()));
    CallEvent.Builder b = CallEvent.builder().from(before);
    news.disposition().ifPresent(b::disposition);
    news.answeredAt().ifPresent(b::answeredAt);
    news.endedAt().ifPresent(b::endedAt);
    news.recordingUrl().ifPresent(b::recordingUrl);
    if (!news.legs().isEmpty()) {
      b.legs(news.legs());
    }
    CallEvent now = b.build();
    st.ended = Optional.of(now);
    for (ORecord r : records) {
      Record old = r.value;
      if (old.uniq().equals(news.callId())) {
        r.value = new Record(old.uniq(), old.target(), old.direction(),
            status(now.disposition().get()), now.talkTime(), old.author(), old.owner(),
            now.recordingUrl());
      }
    }
  }

  /**
   * The endpoints that talked with the client: the legs' of a transferred call, else the
   * event's endpoint.
   */
  private static List<String> talked(CallEvent e) {
    if (!e.legs().isEmpty()) {
      return e.legs().stream().map(CallLeg::endpoint).toList();
    }
    return e.employeeEndpoint().map(List::of).orElse(List.of());
  }

  /** The endpoint whose employee the call belongs to: the leg the matrix names (R-LIFE). */
  private Optional<String> responsibleEndpoint(CallEvent e) {
    List<CallLeg> legs = e.legs();
    if (legs.isEmpty()) {
      return e.employeeEndpoint();
    }
    switch (settings.matrix().responsibleLeg()) {
      case LAST:
        return Optional.of(legs.get(legs.size() - 1).endpoint());
      case LONGEST:
        return legs.stream().reduce((a, b) -> b.duration().compareTo(a.duration()) > 0 ? b : a)
            .map(CallLeg::endpoint);
      default:
        return Optional.of(legs.get(0).endpoint());
    }
  }

  /** The per-event facts the rules read. */
  private final class Ctx {
    final CallEvent e;
    final CallState st;
    final Optional<Employee> employee;
    /** The endpoint a task text names: the first that belongs to nobody, else the chosen one. */
    final Optional<String> endpoint;
    final boolean unknownEndpoint;
    final Optional<Long> responsible;
    final Optional<String> contact;
    final Optional<String> deal;
    /** R-LIFE: the open call-back tasks of the client as the CRM shows them before this event. */
    final List<OTask> openCallbacks;

    Ctx(CallEvent e, CallState st, Optional<PhoneNumber> phone) {
      this.e = e;
      this.st = st;
      this.openCallbacks = phone.map(Oracle.this::openCallbacks).orElse(List.of());
      Optional<String> chosen = responsibleEndpoint(e);
      this.employee = Facts.employeeAt(settings, chosen);
      Optional<String> nobodys = talked(e).stream()
          .filter(p -> Facts.employeeAt(settings, Optional.of(p)).isEmpty()).findFirst();
      this.endpoint = nobodys.or(() -> chosen);
      this.unknownEndpoint = e.isAnswered() && (nobodys.isPresent()
          || (talked(e).isEmpty() && e.direction() == CallDirection.INBOUND));
      Optional<OContact> c = phone.flatMap(p -> visibleContacts(p).stream().findFirst());
      Optional<ODeal> d = phone.flatMap(p -> visibleOpenDeals(p).stream().findFirst());
      Optional<OUnsorted> u = phone.flatMap(Oracle.this::pendingUnsorted);
      this.responsible = d.map(x -> x.responsible).or(() -> c.map(x -> x.responsible))
          .or(() -> u.map(x -> x.responsible));
      Optional<OUnsorted> fallback = c.isEmpty() && d.isEmpty() ? u : Optional.empty();
      this.contact = st.createdContact.or(() -> c.map(x -> x.key))
          .or(() -> fallback.map(x -> contactKey(x.callId)));
      this.deal = st.createdDeal.or(() -> d.map(x -> x.key))
          .or(() -> fallback.map(x -> dealKey(x.callId)));
    }
  }

  private void invalidPhone(CallEvent e, CallState st) {
    Ctx x = new Ctx(e, st, Optional.empty());
    if (e.isMissed() && e.direction() == CallDirection.INBOUND) {
      task(x, Optional.empty(), senior(), MatrixPresets.INVALID_PHONE_TASK);
    }
    unknownEndpointTask(x, Optional.empty());
  }

  private void event(PhoneNumber phone, CallEvent e, CallState st) {
    // R-CLASS: existing when the CRM held something for the phone that this call did not create
    boolean existing = !visibleContacts(phone).stream()
        .allMatch(c -> st.createdContact.equals(Optional.of(c.key)))
        || !visibleOpenDeals(phone).stream()
        .allMatch(d -> st.createdDeal.equals(Optional.of(d.key)))
        || pendingUnsorted(phone).filter(u -> !st.createdDeal.equals(Optional.of(dealKey(u.callId))))
        .isPresent();
    Scenario scenario = Scenario.of(e.direction(), e.isAnswered(), existing);
    MatrixCell cell = settings.matrix().cells().get(scenario);
    Ctx x = new Ctx(e, st, Optional.of(phone));
    Optional<String> contact = x.contact;
    Optional<String> deal = x.deal;
    boolean ended = e.phase() == CallPhase.ENDED;
    boolean creates = cell.createContact() || cell.deal() != DealPolicy.NEVER
        || cell.createUnsorted();
    if (creates && (ended || cell.createOn() == Timing.ON_ANSWER)) {
      long owner = x.unknownEndpoint ? senior() : assignee(x, cell.assignee());
      Optional<PipelineTarget> pipeline = Facts.pipeline(settings, e);
      if (cell.createUnsorted()) {
        if (!existing && st.done.add("unsorted")) {
          String ck = contactKey(e.callId());
          String dk = dealKey(e.callId());
          long p = pipeline.map(PipelineTarget::pipelineId).orElse(mainPipeline);
          contacts.put(ck, new OContact(ck, phone, owner, Facts.fields(settings, e, CONTACT),
              Facts.tags(settings, e, CONTACT), true));
          deals.put(dk, new ODeal(dk, Optional.of(ck), p, unsortedStage.applyAsLong(p), owner,
              Facts.fields(settings, e, DEAL), Facts.tags(settings, e, DEAL), true));
          unsorted.put(e.callId(), new OUnsorted(e.callId(), phone,
              pipeline.map(PipelineTarget::pipelineId), owner));
          st.createdContact = Optional.of(ck);
          st.createdDeal = Optional.of(dk);
          contact = st.createdContact;
          deal = st.createdDeal;
        }
      } else {
        if (cell.createContact() && contact.isEmpty() && st.done.add("contact")) {
          String ck = contactKey(e.callId());
          contacts.put(ck, new OContact(ck, phone, owner, Facts.fields(settings, e, CONTACT),
              Facts.tags(settings, e, CONTACT), false));
          st.createdContact = Optional.of(ck);
          contact = st.createdContact;
        }
        boolean wantDeal = cell.deal() == DealPolicy.ALWAYS
            || (cell.deal() == DealPolicy.IF_NO_OPEN_DEAL && deal.isEmpty());
        if (wantDeal && st.done.add("deal")) {
          String dk = dealKey(e.callId());
          long p = pipeline.map(PipelineTarget::pipelineId).orElse(mainPipeline);
          long status = pipeline.flatMap(PipelineTarget::statusId)
              .orElseGet(() -> firstStage.applyAsLong(p));
          deals.put(dk, new ODeal(dk, contact, p, status, owner, Facts.fields(settings, e, DEAL),
              Facts.tags(settings, e, DEAL), false));
          st.createdDeal = Optional.of(dk);
          deal = st.createdDeal;
        }
      }
    }
    if (ended && cell.updateTracking() && existing) {
      Optional<String> target = deal.isPresent() ? deal : contact;
      if (target.isPresent()) {
        boolean isDeal = target.get().startsWith("deal");
        var type = isDeal ? DEAL : CONTACT;
        List<FieldValue> fields = Facts.fields(settings, e, type);
        List<String> tags = Facts.trackingTags(settings, e, type);
        if ((!fields.isEmpty() || !tags.isEmpty()) && st.done.add("update")) {
          if (isDeal) {
            ODeal d = deals.get(target.get());
            d.fields = merge(d.fields, fields);
            d.tags = union(d.tags, tags);
          } else {
            OContact c = contacts.get(target.get());
            c.fields = merge(c.fields, fields);
            c.tags = union(c.tags, tags);
          }
        }
      }
    }
    if (ended) {
      for (String target : recordTargets(cell.recordCall(), contact, deal)) {
        String kind = target.startsWith("deal") ? "deal" : "contact";
        if (st.done.add("record/" + kind)) {
          Optional<Long> author = x.employee.map(Employee::amoUserId);
          long owner = author.orElseGet(() -> x.responsible.orElse(senior()));
          records.add(new ORecord(new Record(e.callId(), target, e.direction(),
              status(e.disposition().get()), e.talkTime(), author, owner, e.recordingUrl())));
        }
      }
    }
    if (ended && e.isAnswered() && settings.matrix().completeCallbackTasks()) {
      // R-LIFE: the client was reached; a call never completes a task of its own template
      x.openCallbacks.stream().filter(t -> !st.done.contains("task/" + t.value.template()))
          .forEach(t -> t.open = false);
    }
    Optional<String> taskTarget = deal.isPresent() ? deal : contact;
    unknownEndpointTask(x, taskTarget);
    if (ended) {
      Optional<TaskRule> rule = cell.task();
      if (rule.isPresent()) {
        long owner = rule.get().assignee() == Assignee.SENIOR_MANAGER ? senior()
            : assignee(x, rule.get().assignee());
        task(x, taskTarget, owner, rule.get().template());
      }
    }
  }

  private void unknownEndpointTask(Ctx x, Optional<String> target) {
    if (x.unknownEndpoint && settings.matrix().unknownEndpointTask().isPresent()) {
      task(x, target, senior(), settings.matrix().unknownEndpointTask().get().template());
    }
  }

  /**
   * One task per call and template (R-ONCE); a missed call adds no second call-back task while
   * one from the same template is open on the same entity (R-LIFE).
   */
  private void task(Ctx x, Optional<String> target, long owner, String template) {
    if (x.st.done.contains("task/" + template)) {
      return;
    }
    if (x.e.isMissed() && target.isPresent() && x.openCallbacks.stream()
        .anyMatch(t -> t.value.template().equals(template) && t.target().equals(target))) {
      return;
    }
    x.st.done.add("task/" + template);
    TaskTemplate t = settings.effectiveTaskTemplates().get(template);
    tasks.add(new OTask(new Task(x.e.callId(), template, target, owner, t.taskTypeId(),
        render(t.text(), x), x.e.occurredAt().plus(t.deadline()), true)));
  }

  private long assignee(Ctx x, Assignee who) {
    Optional<Long> employee = x.employee.map(Employee::amoUserId);
    switch (who) {
      case SENIOR_MANAGER:
        return senior();
      case RESPONSIBLE:
        return x.responsible.or(() -> employee).orElse(senior());
      case ANSWERING_EMPLOYEE:
      default:
        return employee.orElse(senior());
    }
  }

  private static List<String> recordTargets(RecordTarget where, Optional<String> contact,
      Optional<String> deal) {
    Optional<String> dealFirst = deal.or(() -> contact);
    switch (where) {
      case NONE:
        return List.of();
      case CONTACT:
        return contact.or(() -> deal).map(List::of).orElse(List.of());
      case BOTH:
        if (deal.isPresent() && contact.isPresent()) {
          return List.of(deal.get(), contact.get());
        }
        return dealFirst.map(List::of).orElse(List.of());
      case DEAL:
      case DEAL_ELSE_CONTACT:
      default:
        return dealFirst.map(List::of).orElse(List.of());
    }
  }

  /** amoCRM's call status for a disposition (reference §8.2). */
  private static String status(Disposition d) {
    switch (d) {
      case ANSWERED:
        return "TALKED";
      case BUSY:
        return "BUSY";
      case VOICEMAIL:
        return "VOICEMAIL";
      default:
        return "NO_ANSWER";
    }
  }

  /** {@code {name}} placeholders of a task text (settings' documented placeholders). */
  private String render(String template, Ctx x) {
    CallEvent e = x.e;
    String endpoint = x.endpoint.orElse("(not reported)");
    Map<String, String> values = new TreeMap<>();
    values.put("client_phone", Decided.e164(e, settings));
    values.put("employee_name", x.employee.map(Employee::name).orElse(endpoint));
    values.put("endpoint", endpoint);
    values.put("tracking_phone", e.trackingPhone().orElse("-"));
    values.put("call_id", e.callId());
    values.put("pool", e.tracking().pool().orElse("-"));
    values.put("direction", e.direction() == CallDirection.INBOUND ? "Inbound" : "Outbound");
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)\\}").matcher(template);
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? m.group() : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The client's number as a task text shows it. */
  private static final class Decided {
    static String e164(CallEvent e, IntegrationSettings s) {
      return s.phoneNormalizer().normalize(e.clientPhone()).number().map(PhoneNumber::e164)
          .orElse(e.clientPhone());
    }
  }

  // --- lookups (what amoCRM finds for a phone) ----------------------------------------------

  /**
   * The open tasks from a missed-call cell's template on entities the CRM shows for {@code phone}
   * (its visible contacts and their visible deals, and its unsorted requests' deals).
   */
  private List<OTask> openCallbacks(PhoneNumber phone) {
    Set<String> templates = new HashSet<>();
    settings.matrix().cells().forEach((scenario, cell) -> {
      if (!scenario.answered()) {
        cell.task().ifPresent(t -> templates.add(t.template()));
      }
    });
    return tasks.stream().filter(t -> t.open && t.target().isPresent()
        && templates.contains(t.value.template()) && shows(phone, t.target().get())).toList();
  }

  /**
   * True when what the SDK knows of {@code phone} holds the entity {@code key}: the CRM's view
   * (its visible contacts and their deals) and the entities of the phone's unsorted requests,
   * which the integration made and remembers even while amoCRM hides them.
   */
  private boolean shows(PhoneNumber phone, String key) {
    if (unsorted.values().stream().anyMatch(u -> u.phone.equals(phone)
        && (dealKey(u.callId).equals(key) || contactKey(u.callId).equals(key)))) {
      return true;
    }
    List<String> cs = visibleContacts(phone).stream().map(c -> c.key).toList();
    if (contacts.containsKey(key)) {
      return cs.contains(key);
    }
    ODeal d = deals.get(key);
    if (d == null || d.hidden) {
      return false;
    }
    return d.contact.map(cs::contains).orElse(false) || unsorted.values().stream()
        .anyMatch(u -> dealKey(u.callId).equals(key) && u.phone.equals(phone));
  }

  private List<OContact> visibleContacts(PhoneNumber phone) {
    return contacts.values().stream().filter(c -> !c.hidden && c.phone.equals(phone)).toList();
  }

  /** Visible open deals of the phone's contacts: the first contact's first, then by creation. */
  private List<ODeal> visibleOpenDeals(PhoneNumber phone) {
    List<String> cs = visibleContacts(phone).stream().map(c -> c.key).toList();
    Optional<String> first = cs.stream().findFirst();
    List<ODeal> out = new ArrayList<>();
    deals.values().stream().filter(d -> !d.hidden && d.open() && first.isPresent()
        && d.contact.equals(first))
        .forEach(out::add);
    deals.values().stream().filter(d -> !d.hidden && d.open() && d.contact.isPresent()
        && cs.contains(d.contact.get()) && !d.contact.equals(first)).forEach(out::add);
    return out;
  }

  private Optional<OUnsorted> pendingUnsorted(PhoneNumber phone) {
    return unsorted.values().stream().filter(u -> !u.accepted && u.phone.equals(phone))
        .findFirst();
  }

  private long senior() {
    return settings.seniorManagerUserId();
  }

  // --- the canonical text -------------------------------------------------------------------

  private static final io.ringostat.amo.core.plan.EntityType CONTACT =
      io.ringostat.amo.core.plan.EntityType.CONTACT;
  private static final io.ringostat.amo.core.plan.EntityType DEAL =
      io.ringostat.amo.core.plan.EntityType.DEAL;

  private static String contactKey(String callId) {
    return "contact(" + callId + ")";
  }

  private static String dealKey(String callId) {
    return "deal(" + callId + ")";
  }

  private static String contact(String key, PhoneNumber phone, long owner, List<FieldValue> fields,
      List<String> tags, boolean hidden) {
    return key + " phone=" + phone + " responsible=" + owner + " fields=" + fields + " tags="
        + tags + (hidden ? " hidden" : "");
  }

  private static String deal(String key, Optional<String> contact, long pipeline, long status,
      long owner, List<FieldValue> fields, List<String> tags, boolean hidden) {
    return key + " contact=" + contact.orElse("-") + " pipeline=" + pipeline + " status=" + status
        + " responsible=" + owner + " fields=" + fields + " tags=" + tags
        + (hidden ? " hidden" : "");
  }

  private static String unsorted(String callId, PhoneNumber phone, Optional<Long> pipeline,
      long owner, boolean accepted) {
    return "unsorted(" + callId + ") phone=" + phone + " pipeline="
        + pipeline.map(String::valueOf).orElse("main") + " responsible=" + owner
        + (accepted ? " accepted" : " pending");
  }

  private static String record(String uniq, String target, CallDirection direction, String status,
      Duration duration, Optional<Long> author, long owner, Optional<String> link) {
    return "record " + uniq + " on " + target + " " + direction + " " + status + " "
        + duration.toSeconds() + "s responsible=" + owner + " author="
        + author.map(String::valueOf).orElse("-") + " link=" + link.orElse("-");
  }

  private static String task(String callId, String template, Optional<String> target, long owner,
      int type, String text, Instant due, boolean completed) {
    return "task " + callId + "/" + template + " on " + target.orElse("-") + " for=" + owner
        + " type=" + type + " due=" + due + " text=\"" + text + "\""
        + (completed ? " completed" : "");
  }

  /** What the model says the CRM holds, one canonical line per item, in a stable order. */
  public String snapshot() {
    List<String> out = new ArrayList<>();
    contacts.values().forEach(c -> out.add(contact(c.key, c.phone, c.responsible, c.fields,
        c.tags, c.hidden)));
    deals.values().forEach(d -> out.add(deal(d.key, d.contact, d.pipeline, d.status,
        d.responsible, d.fields, d.tags, d.hidden)));
    unsorted.values().forEach(u -> out.add(unsorted(u.callId, u.phone, u.pipeline, u.responsible,
        u.accepted)));
    records.forEach(r -> out.add(record(r.value.uniq(), r.value.target(), r.value.direction(),
        r.value.status(), r.value.duration(), r.value.author(), r.value.owner(), r.value.link())));
    tasks.forEach(t -> out.add(task(t.value.callId(), t.value.template(), t.value.target(),
        t.value.owner(), t.value.type(), t.value.text(), t.value.due(), !t.open)));
    return String.join("\n", out.stream().sorted().toList());
  }

  /**
   * What {@code crm} holds, in the same canonical text; {@code externalContacts} names the
   * contacts added outside plans (id → {@code contact(ext-N)}).
   */
  public static String snapshot(FakeCrm crm, Map<Long, String> externalContacts) {
    Map<Long, String> contactKeys = new LinkedHashMap<>();
    Map<Long, String> dealKeys = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (FakeCrm.Contact c : crm.contacts()) {
      String key = c.createdByCall().map(Oracle::contactKey)
          .orElseGet(() -> externalContacts.getOrDefault(c.id(), "contact(#" + c.id() + ")"));
      contactKeys.put(c.id(), key);
      out.add(contact(key, c.phone(), c.responsibleUserId().orElse(-1L), c.fields(), c.tags(),
          c.hidden()));
    }
    for (FakeCrm.Deal d : crm.deals()) {
      String key = d.createdByCall().map(Oracle::dealKey).orElse("deal(#" + d.id() + ")");
      dealKeys.put(d.id(), key);
      out.add(deal(key, d.contactId().map(contactKeys::get), d.pipelineId(), d.statusId(),
          d.responsibleUserId().orElse(-1L), d.fields(), d.tags(), d.hidden()));
    }
    for (FakeCrm.Unsorted u : crm.unsorted()) {
      out.add(unsorted(u.callId().orElse(u.uid()), u.phone(), u.pipelineId(),
          u.responsibleUserId().orElse(-1L), u.accepted()));
    }
    for (FakeCrm.CallRecord r : crm.callRecords()) {
      String target = r.entityType() == CONTACT ? contactKeys.get(r.entityId())
          : dealKeys.get(r.entityId());
      out.add(record(r.uniq(), target, r.direction(), r.status().name(), r.duration(),
          r.authorUserId(), r.responsibleUserId(), r.recordingUrl()));
    }
    for (FakeCrm.Task t : crm.tasks()) {
      Optional<String> target = t.entityId().map(id -> t.entityType().get() == CONTACT
          ? contactKeys.get(id) : dealKeys.get(id));
      out.add(task(t.key().callId(), t.key().target(), target, t.assigneeUserId(),
          t.taskTypeId(), t.text(), t.deadline(), t.completed()));
    }
    return String.join("\n", out.stream().sorted().toList());
  }

  private static List<FieldValue> merge(List<FieldValue> old, List<FieldValue> updates) {
    Map<String, FieldValue> byField = new LinkedHashMap<>();
    for (FieldValue f : old) {
      byField.put(f.fieldId().map(id -> "#" + id).orElseGet(() -> f.fieldCode().orElseThrow()), f);
    }
    for (FieldValue f : updates) {
      byField.put(f.fieldId().map(id -> "#" + id).orElseGet(() -> f.fieldCode().orElseThrow()), f);
    }
    return List.copyOf(byField.values());
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }
}
