package io.ringostat.amo.it.support;

import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredNote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the emulated CRM holds for a traffic run, every field a user sees: contacts with owner,
 * tags and fields; deals with owner, pipeline, status, tags and fields; call records with owner
 * and params; tasks with owner, text, deadline, entity and state. In a form two runs can be
 * compared by (entity ids differ between runs, so entities are named by phone and call id), with
 * the duplicate / missing counts a user would notice.
 */
public final class CrmAudit {
  private static final Pattern CALL_ID = Pattern.compile("call-\\d{5}");

  private final Map<String, String> fingerprint;
  public final int duplicateContacts;
  public final int duplicateDeals;
  public final int duplicateRecords;
  public final int duplicateTasks;
  public final int duplicateUnsorted;

  private CrmAudit(Map<String, String> fingerprint, int duplicateContacts, int duplicateDeals,
      int duplicateRecords, int duplicateTasks, int duplicateUnsorted) {
    this.fingerprint = fingerprint;
    this.duplicateContacts = duplicateContacts;
    this.duplicateDeals = duplicateDeals;
    this.duplicateRecords = duplicateRecords;
    this.duplicateTasks = duplicateTasks;
    this.duplicateUnsorted = duplicateUnsorted;
  }

  public static CrmAudit of(AmoEmulator amo, Traffic traffic) {
    Map<String, String> fp = new TreeMap<>();
    int dupContacts = 0;
    for (Traffic.Phone p : traffic.phones()) {
      List<StoredContact> contacts = amo.contactsByPhone(p.number().e164());
      dupContacts += Math.max(0, contacts.size() - 1);
      List<String> deals = new ArrayList<>();
      for (StoredContact c : contacts) {
        for (StoredDeal d : amo.dealsOfContact(c.id())) {
          deals.add(d.name().replaceAll("^(Inbound|Outbound) call ", "") + "/resp="
              + d.responsibleUserId() + "/pipe=" + d.pipelineId() + "/status=" + d.statusId()
              + "/open=" + d.isOpen() + "/tags=" + sorted(d.tags()) + "/fields="
              + fields(d.fields()));
        }
      }
      deals.sort(null);
      fp.put("phone " + p.digits(), "contacts=" + contacts.size() + " responsible="
          + contacts.stream().map(c -> String.valueOf(c.responsibleUserId())).sorted().toList()
          + " tags=" + contacts.stream().map(c -> sorted(c.tags())).toList()
          + " fields=" + contacts.stream().map(c -> fields(c.fields())).toList()
          + " deals=" + deals);
    }
    // Deals by the call that created them (the deal name carries the call id).
    Map<String, Integer> dealsPerCall = new HashMap<>();
    for (StoredDeal d : amo.deals()) {
      Matcher m = CALL_ID.matcher(d.name());
      if (m.find()) {
        dealsPerCall.merge(m.group(), 1, Integer::sum);
      }
    }
    int dupDeals = dealsPerCall.values().stream().mapToInt(n -> n - 1).sum();
    // Call records by uniq: how many on each entity.
    Map<String, List<StoredNote>> notes = amo.notes().stream()
        .filter(n -> n.uniq().isPresent())
        .collect(Collectors.groupingBy(n -> n.uniq().get()));
    int dupRecords = 0;
    for (Traffic.Call c : traffic.calls()) {
      List<StoredNote> mine = notes.getOrDefault(c.callId(), List.of());
      Map<String, Long> perEntity = mine.stream().collect(Collectors.groupingBy(
          n -> n.entityType() + "#" + n.entityId(), Collectors.counting()));
      dupRecords += perEntity.values().stream().mapToInt(n -> (int) (n - 1)).sum();
      // every field a user sees on a call record: where, which kind, its owner, author and
      // params (duration, status, phone, link, source, result)
      fp.put("records " + c.callId(), mine.stream().map(n -> n.entityType() + ":" + n.noteType()
          + " owner=" + n.responsibleUserId() + " params=" + new TreeMap<>(n.params()))
          .sorted().toList().toString());
    }
    // a task as a user sees it: owner, text, deadline, what it is on, done or not
    Map<String, Long> taskTexts = amo.tasks().stream().collect(Collectors.groupingBy(
        t -> t.responsibleUserId() + " " + t.text() + " due=" + t.completeTill() + " on="
            + t.entityType().orElse("none") + " type=" + t.taskTypeId() + " completed="
            + t.completed(), TreeMap::new, Collectors.counting()));
    int dupTasks = 0;
    for (Map.Entry<String, Long> t : taskTexts.entrySet()) {
      Matcher m = CALL_ID.matcher(t.getKey());
      String key = m.find() ? "task " + m.group() : "task " + t.getKey();
      fp.merge(key, t.getKey() + " x" + t.getValue(), (a, b) -> a + "; " + b);
      dupTasks += (int) (t.getValue() - 1);
    }
    Map<String, Long> unsortedPerCall = amo.unsorted().stream()
        .filter(u -> u.uniq().isPresent())
        .collect(Collectors.groupingBy(u -> u.uniq().get(), Collectors.counting()));
    int dupUnsorted = unsortedPerCall.values().stream().mapToInt(n -> (int) (n - 1)).sum();
    java.util.Set<String> ours = traffic.calls().stream().map(Traffic.Call::callId)
        .collect(Collectors.toSet());
    unsortedPerCall.forEach((k, v) -> {
      if (ours.contains(k)) {
        fp.put("unsorted " + k, "x" + v);
      }
    });
    return new CrmAudit(fp, dupContacts, dupDeals, dupRecords, dupTasks, dupUnsorted);
  }

  private static List<String> sorted(List<String> items) {
    return items.stream().sorted().toList();
  }

  /** Custom fields other than the phone, by code or name, with their values. */
  private static String fields(List<io.ringostat.amo.testkit.StoredField> fields) {
    return fields.stream().filter(f -> !f.code().equals(java.util.Optional.of("PHONE")))
        .map(f -> f.code().orElse(f.name()) + "=" + f.texts()).sorted().toList().toString();
  }

  /** Entries that differ from {@code expected}, as "key: expected -> actual". */
  public List<String> differencesFrom(CrmAudit expected) {
    List<String> out = new ArrayList<>();
    TreeMap<String, String> all = new TreeMap<>(expected.fingerprint);
    fingerprint.forEach(all::putIfAbsent);
    for (String k : all.keySet()) {
      String e = expected.fingerprint.get(k);
      String a = fingerprint.get(k);
      if (e == null ? a != null : !e.equals(a)) {
        out.add(k + ": expected " + e + " but was " + a);
      }
    }
    return out;
  }

  public Map<String, String> fingerprint() {
    return fingerprint;
  }

  /** Calls with no call record although the reference run has one. */
  public long missingRecords(CrmAudit expected) {
    return expected.fingerprint.entrySet().stream()
        .filter(e -> e.getKey().startsWith("records ") && !e.getValue().equals("[]"))
        .filter(e -> "[]".equals(fingerprint.get(e.getKey()))).count();
  }

  /**
   * Calls of which the reference run left a trace (a call record, a task, an unsorted request)
   * and this run left none: lost, whatever the SDK's counters say.
   */
  public List<String> lostCalls(CrmAudit expected) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    expected.fingerprint.forEach((k, v) -> {
      Matcher m = CALL_ID.matcher(k);
      if (!m.find() || k.startsWith("phone ")) {
        return;
      }
      boolean traced = !v.equals("[]");
      String mine = fingerprint.get(k);
      if (traced && (mine == null || mine.equals("[]"))) {
        out.add(m.group());
      }
    });
    return List.copyOf(out);
  }

  /** Tasks of the reference run that this run lacks. */
  public long missingTasks(CrmAudit expected) {
    return expected.fingerprint.keySet().stream().filter(k -> k.startsWith("task "))
        .filter(k -> !fingerprint.containsKey(k)).count();
  }
}
