package io.ringostat.amo.it.support;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.Oracle;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredField;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import io.ringostat.amo.testkit.StoredUnsorted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares what the emulated amoCRM holds after a traffic run with what the independent {@link
 * Oracle} (core's model of SPEC §3, written from the spec, never calling the decision code) says
 * it must hold after the same calls — not with another run of the same SDK, so a bug that does
 * the same wrong thing every time is caught too (issue 17).
 *
 * <p>Both sides are rendered as one line per item, every field a user sees: contacts (phone,
 * owner, fields, tags, hidden while unsorted), deals (contact, pipeline, stage, owner, fields,
 * tags), unsorted requests (pipeline, pending or accepted), call records (entity, direction,
 * status, duration, owner, author, link, phone, source) and tasks (entity, owner, type, deadline,
 * text, completed). Entities are named by the call that created them ({@code contact(call-00012)},
 * read from the names the traffic settings give) or, for the clients seeded before the run, by
 * their order ({@code contact(ext-3)}). Left out, as in the oracle: entity names and call-record
 * result texts (R-LANG).
 */
public final class OracleAudit {
  private static final Pattern CALL_ID = Pattern.compile("call-\\d{5}");

  private OracleAudit() {}

  /**
   * The lines only one side has, {@code "missing: …"} (the oracle's) and {@code "unexpected: …"}
   * (the CRM's); empty when the CRM holds exactly what the oracle says.
   */
  public static List<String> differences(AmoEmulator amo, Traffic traffic,
      IntegrationSettings settings) {
    List<String> expected = expected(traffic, settings);
    List<String> actual = actual(amo, traffic, settings);
    List<String> out = new ArrayList<>();
    minus(expected, actual).forEach(l -> out.add("missing: " + l));
    minus(actual, expected).forEach(l -> out.add("unexpected: " + l));
    return out;
  }

  /**
   * The calls of which the oracle expects a trace (a call record, a task, an unsorted request)
   * and the CRM shows none: lost, whatever the SDK's counters say.
   */
  public static List<String> lostCalls(AmoEmulator amo, Traffic traffic,
      IntegrationSettings settings) {
    Set<String> traced = callsIn(actual(amo, traffic, settings));
    return callsIn(expected(traffic, settings)).stream().filter(c -> !traced.contains(c))
        .sorted().toList();
  }

  /** The call ids named by records, tasks and unsorted requests among {@code lines}. */
  private static Set<String> callsIn(List<String> lines) {
    Set<String> out = new TreeSet<>();
    for (String l : lines) {
      if (l.startsWith("record ") || l.startsWith("task ") || l.startsWith("unsorted(")) {
        Matcher m = CALL_ID.matcher(l);
        if (m.find()) {
          out.add(m.group());
        }
      }
    }
    return out;
  }

  /** What the oracle says the CRM holds after the traffic's calls, one line per item. */
  public static List<String> expected(Traffic traffic, IntegrationSettings settings) {
    Oracle oracle = new Oracle(settings, mainPipeline(settings), p -> firstStage(settings, p),
        p -> -1);
    for (Traffic.Phone p : traffic.phones()) {
      if (p.existing()) {
        String contact = oracle.externalContact(p.number(), p.responsible());
        oracle.externalDeal(contact, Fixtures.SALES, Fixtures.SALES_NEW, p.responsible());
      }
    }
    Map<String, PhoneNumber> phoneOfCall = new HashMap<>();
    for (Traffic.Call c : traffic.calls()) {
      List<CallEvent> events = c.events();
      Optional<PhoneNumber> phone = settings.phoneNormalizer()
          .normalize(events.get(0).clientPhone()).number();
      phone.ifPresent(n -> phoneOfCall.put(c.callId(), n));
      oracle.call(phone, events);
    }
    Oracle.Crm crm = oracle.crm();
    long actor = actor(settings);
    List<String> out = new ArrayList<>();
    crm.contacts().forEach(c -> out.add(contact(c.key(), c.phone().e164(), c.responsible(),
        oracleFields(c.fields()), c.tags(), c.hidden())));
    crm.deals().forEach(d -> out.add(deal(d.key(), d.contact().orElse("-"), d.pipeline(),
        d.hidden() ? "unsorted" : String.valueOf(d.status()), d.responsible(),
        oracleFields(d.fields()), d.tags(), d.hidden())));
    crm.unsorted().forEach(u -> out.add(unsorted(u.callId(),
        u.pipeline().orElse(mainPipeline(settings)), u.accepted())));
    crm.records().forEach(r -> out.add(record(r.uniq(), r.target(), r.direction(), r.status(),
        r.duration(), r.owner(), r.author().orElse(actor), r.link(),
        Optional.ofNullable(phoneOfCall.get(r.uniq())).map(PhoneNumber::e164).orElse("-"),
        settings.sourceName())));
    crm.tasks().forEach(t -> out.add(task(t.target().orElse("-"), t.owner(), t.type(), t.due(),
        t.text(), !t.open())));
    return out;
  }

  /** What the emulated CRM holds for the traffic's phones and calls, one line per item. */
  public static List<String> actual(AmoEmulator amo, Traffic traffic,
      IntegrationSettings settings) {
    Map<String, String> seededContactByPhone = new HashMap<>();
    int n = 0;
    for (Traffic.Phone p : traffic.phones()) {
      if (p.existing()) {
        seededContactByPhone.put(p.number().e164(), "contact(ext-" + (++n) + ")");
      }
    }
    Set<String> phones = traffic.phones().stream().map(p -> p.number().e164())
        .collect(Collectors.toSet());
    Set<String> callIds = traffic.calls().stream().map(Traffic.Call::callId)
        .collect(Collectors.toSet());
    List<String> out = new ArrayList<>();

    Map<Long, String> contactKeys = new LinkedHashMap<>();
    for (StoredContact c : amo.contacts()) {
      Optional<String> phone = c.phones().stream().filter(phones::contains).findFirst();
      if (phone.isEmpty()) {
        continue; // another test's phone (a burst) or a client the traffic never calls
      }
      String key = createdBy(c.name()).map(id -> "contact(" + id + ")")
          .orElseGet(() -> seededContactByPhone.getOrDefault(phone.get(),
              "contact(#" + c.id() + ")"));
      contactKeys.put(c.id(), key);
      out.add(contact(key, phone.get(), c.responsibleUserId(), storedFields(c.fields()), c.tags(),
          c.unsorted()));
    }
    Map<Long, String> dealKeys = new LinkedHashMap<>();
    for (StoredDeal d : amo.deals()) {
      Optional<String> call = createdBy(d.name()).filter(callIds::contains);
      Optional<String> contact = d.contactIds().stream().map(contactKeys::get)
          .filter(k -> k != null).findFirst();
      if (call.isEmpty() && contact.isEmpty()) {
        continue;
      }
      String key = call.map(id -> "deal(" + id + ")").orElseGet(() -> contact.get()
          .startsWith("contact(ext-") ? contact.get().replace("contact(", "deal(")
          : "deal(#" + d.id() + ")");
      dealKeys.put(d.id(), key);
      out.add(deal(key, contact.orElse("-"), d.pipelineId(),
          d.unsorted() ? "unsorted" : String.valueOf(d.statusId()), d.responsibleUserId(),
          storedFields(d.fields()), d.tags(), d.unsorted()));
    }
    for (StoredUnsorted u : amo.unsorted()) {
      if (u.uniq().filter(callIds::contains).isPresent()) {
        out.add(unsorted(u.uniq().get(), u.pipelineId(),
            u.state() == StoredUnsorted.State.ACCEPTED));
      }
    }
    for (StoredNote note : amo.notes()) {
      if (note.uniq().filter(callIds::contains).isEmpty()) {
        continue;
      }
      String target = entityKey(note.entityType(), note.entityId(), contactKeys, dealKeys);
      CallDirection direction = note.noteType().equals("call_in") ? CallDirection.INBOUND
          : CallDirection.OUTBOUND;
      String status = note.param("call_status").map(Integer::parseInt)
          .flatMap(code -> Arrays.stream(CallStatus.values()).filter(s -> s.code() == code)
              .findFirst()).map(Enum::name).orElse("?");
      Duration duration = Duration.ofSeconds(note.param("duration").map(Long::parseLong)
          .orElse(-1L));
      out.add(record(note.uniq().get(), target, direction, status, duration,
          note.responsibleUserId(), note.createdBy(), note.param("link"),
          note.param("phone").orElse("-"), note.param("source").orElse("-")));
    }
    for (StoredTask t : amo.tasks()) {
      Optional<String> target = t.entityId().map(id -> entityKey(t.entityType().get(), id,
          contactKeys, dealKeys));
      boolean ours = target.filter(k -> !k.contains("#")).isPresent()
          || createdBy(t.text()).filter(callIds::contains).isPresent();
      if (ours) {
        out.add(task(target.orElse("-"), t.responsibleUserId(), (int) t.taskTypeId(),
            t.completeTill(), t.text(), t.completed()));
      }
    }
    return out;
  }

  private static String entityKey(String entityType, long id, Map<Long, String> contacts,
      Map<Long, String> deals) {
    String key = entityType.equals("contacts") ? contacts.get(id)
        : entityType.equals("leads") ? deals.get(id) : null;
    return key != null ? key : entityType + "#" + id;
  }

  /** The call id a name or text carries (the traffic settings put it in names and task texts). */
  private static Optional<String> createdBy(String text) {
    Matcher m = CALL_ID.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  private static long mainPipeline(IntegrationSettings settings) {
    return settings.pipelines().stream().filter(p -> p.main()).findFirst().orElseThrow().id();
  }

  private static long firstStage(IntegrationSettings settings, long pipeline) {
    return settings.pipelines().stream().filter(p -> p.id() == pipeline).findFirst()
        .orElseThrow().statuses().get(0).id();
  }

  /** The user the emulator's token acts as (its first user): the author of a record without one. */
  private static long actor(IntegrationSettings settings) {
    return settings.employees().get(0).amoUserId();
  }

  // --- the canonical lines ----------------------------------------------------------------

  private static String contact(String key, String phone, long owner, String fields,
      List<String> tags, boolean hidden) {
    return key + " phone=" + phone + " responsible=" + owner + " fields=" + fields + " tags="
        + new TreeSet<>(tags) + (hidden ? " hidden" : "");
  }

  private static String deal(String key, String contact, long pipeline, String status,
      long owner, String fields, List<String> tags, boolean hidden) {
    return key + " contact=" + contact + " pipeline=" + pipeline + " status=" + status
        + " responsible=" + owner + " fields=" + fields + " tags=" + new TreeSet<>(tags)
        + (hidden ? " hidden" : "");
  }

  private static String unsorted(String callId, long pipeline, boolean accepted) {
    return "unsorted(" + callId + ") pipeline=" + pipeline + (accepted ? " accepted"
        : " pending");
  }

  private static String record(String uniq, String target, CallDirection direction,
      String status, Duration duration, long owner, long author, Optional<String> link,
      String phone, String source) {
    return "record " + uniq + " on " + target + " " + direction + " " + status + " "
        + duration.toSeconds() + "s responsible=" + owner + " author=" + author + " link="
        + link.orElse("-") + " phone=" + phone + " source=" + source;
  }

  private static String task(String target, long owner, int type, Instant due, String text,
      boolean completed) {
    return "task on " + target + " for=" + owner + " type=" + type + " due=" + due + " text=\""
        + text + "\"" + (completed ? " completed" : "");
  }

  /** Custom fields by code (or #id), each with its values in order. */
  private static String oracleFields(List<FieldValue> fields) {
    Map<String, List<String>> byField = new TreeMap<>();
    for (FieldValue f : fields) {
      byField.computeIfAbsent(f.fieldCode().orElseGet(() -> "#" + f.fieldId().orElseThrow()),
          k -> new ArrayList<>()).add(f.value());
    }
    return byField.toString();
  }

  /** The stored custom fields other than the phone, in the same form. */
  private static String storedFields(List<StoredField> fields) {
    Map<String, List<String>> byField = new TreeMap<>();
    for (StoredField f : fields) {
      if (!f.code().equals(Optional.of("PHONE"))) {
        byField.put(f.code().orElseGet(() -> "#" + f.fieldId()), f.texts());
      }
    }
    return byField.toString();
  }

  /** The lines of {@code a} that {@code b} lacks, counting repeats. */
  private static List<String> minus(List<String> a, List<String> b) {
    Map<String, Integer> left = new HashMap<>();
    b.forEach(l -> left.merge(l, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    for (String l : a.stream().sorted().toList()) {
      if (left.merge(l, -1, Integer::sum) < 0) {
        out.add(l);
      }
    }
    return out;
  }
}
