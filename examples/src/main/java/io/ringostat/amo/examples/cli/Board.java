package io.ringostat.amo.examples.cli;

import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.LoggedRequest;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import io.ringostat.amo.testkit.StoredUnsorted;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CRM board: what the emulated amoCRM account holds, read through the emulator's inspection
 * API (never through the SDK): contacts, deals by pipeline and status, tasks by assignee, call
 * records per entity, unsorted requests, and the request totals.
 */
final class Board {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("MMM d HH:mm");

  private final Out out;
  private final AmoEmulator amo;
  private final Names names;
  private final ZoneId zone;

  Board(Out out, AmoEmulator amo, Names names, ZoneId zone) {
    this.out = out;
    this.amo = amo;
    this.names = names;
    this.zone = zone;
  }

  /** The counts the board shows, for tests and the summary. */
  record Totals(int contacts, int deals, int openDeals, int tasks, int callRecords,
      int unsorted, int requests, int throttled, int unauthorized) {}

  Totals totals() {
    List<LoggedRequest> log = amo.requestLog();
    return new Totals(amo.contacts().size(), amo.deals().size(),
        (int) amo.deals().stream().filter(StoredDeal::isOpen).count(), amo.tasks().size(),
        callRecords().size(), amo.unsorted().size(), log.size(),
        (int) log.stream().filter(r -> r.status() == 429).count(),
        (int) log.stream().filter(r -> r.status() == 401).count());
  }

  void print() {
    contacts();
    deals();
    tasks();
    records();
    unsorted();
    Totals t = totals();
    out.section("Totals");
    out.line("  " + t.contacts() + " contacts, " + t.deals() + " deals (" + t.openDeals()
        + " open), " + t.tasks() + " tasks, " + t.callRecords() + " call records, " + t.unsorted()
        + " unsorted requests");
    out.line("  " + t.requests() + " requests to the emulated amoCRM API, " + t.throttled()
        + " answered 429 (rate limit), " + t.unauthorized() + " answered 401 (revoked token)");
  }

  private void contacts() {
    List<StoredContact> all = amo.contacts();
    out.section("Contacts (" + all.size() + ")");
    for (StoredContact c : all) {
      out.line("  #" + c.id() + "  " + Out.pad(Out.cut(c.name(), 22), 22) + " "
          + Out.pad(String.join(", ", c.phones()), 15) + " " + Out.pad(names.user(
              c.responsibleUserId()), 18) + (c.unsorted() ? " hidden: in a pending unsorted request"
              : "") + (c.tags().isEmpty() ? "" : " tags " + c.tags()));
    }
  }

  private void deals() {
    List<StoredDeal> all = amo.deals();
    out.section("Deals by pipeline and status (" + all.size() + ")");
    AccountCatalog catalog = amo.catalog();
    Map<Long, Map<Long, List<StoredDeal>>> byPipeline = new LinkedHashMap<>();
    for (AccountCatalog.Pipeline p : catalog.pipelines()) {
      byPipeline.put(p.id(), new LinkedHashMap<>());
      for (AccountCatalog.Status s : p.statuses()) {
        byPipeline.get(p.id()).put(s.id(), new ArrayList<>());
      }
    }
    for (StoredDeal d : all) {
      byPipeline.computeIfAbsent(d.pipelineId(), k -> new LinkedHashMap<>())
          .computeIfAbsent(d.statusId(), k -> new ArrayList<>()).add(d);
    }
    byPipeline.forEach((pipelineId, statuses) -> {
      int n = statuses.values().stream().mapToInt(List::size).sum();
      out.line("  " + out.bold(names.pipeline(pipelineId)) + " (" + n + ")");
      statuses.forEach((statusId, deals) -> {
        if (deals.isEmpty()) {
          return;
        }
        boolean unsortedStage = deals.stream().allMatch(StoredDeal::unsorted);
        out.line("    " + names.status(pipelineId, statusId) + (unsortedStage ? " (Unsorted)" : "")
            + " (" + deals.size() + ")");
        for (StoredDeal d : deals) {
          String fields = d.fields().stream()
              .map(f -> f.code().orElse(f.name()) + "=" + String.join("|", f.texts()))
              .collect(Collectors.joining(" "));
          out.line("      #" + d.id() + "  " + Out.pad(Out.cut(d.name(), 34), 34) + " "
              + Out.pad(names.user(d.responsibleUserId()), 20)
              + (d.contactIds().isEmpty() ? "" : " contact #" + d.contactIds().get(0))
              + (d.tags().isEmpty() ? "" : " tags " + d.tags())
              + (fields.isEmpty() ? "" : " " + fields));
        }
      });
    });
  }

  private void tasks() {
    List<StoredTask> all = amo.tasks();
    out.section("Tasks by assignee (" + all.size() + ")");
    Map<Long, List<StoredTask>> by = new TreeMap<>();
    all.forEach(t -> by.computeIfAbsent(t.responsibleUserId(), k -> new ArrayList<>()).add(t));
    by.forEach((user, tasks) -> {
      out.line("  " + out.bold(names.user(user)) + " (" + tasks.size() + ")");
      for (StoredTask t : tasks) {
        String on = t.entityType().map(e -> " on " + entity(e) + " #" + t.entityId().orElse(0L))
            .orElse("");
        out.line("    #" + t.id() + "  due " + t.completeTill().atZone(zone).format(HM) + "  "
            + t.text() + on + (t.completed() ? "  [done: " + t.result().orElse("") + "]" : ""));
      }
    });
  }

  private List<StoredNote> callRecords() {
    return amo.notes().stream()
        .filter(n -> n.noteType().equals("call_in") || n.noteType().equals("call_out"))
        .toList();
  }

  private void records() {
    List<StoredNote> all = callRecords();
    out.section("Call records by entity (" + all.size() + ")");
    Map<String, List<StoredNote>> by = new LinkedHashMap<>();
    all.forEach(n -> by.computeIfAbsent(entity(n.entityType()) + " #" + n.entityId(),
        k -> new ArrayList<>()).add(n));
    by.forEach((entity, notes) -> {
      String line = "  " + Out.pad(entity, 18) + notes.stream().map(this::record)
          .collect(Collectors.joining("; "));
      out.line(line);
    });
  }

  private String record(StoredNote n) {
    String dir = n.noteType().equals("call_in") ? "in" : "out";
    String duration = n.param("duration").map(d -> " " + d + "s").orElse("");
    String status = n.param("call_status").map(Board::callStatus).orElse("");
    // R-LIFE: a record edited after the call (a late recording) says so
    String edited = n.edits() > 0 ? " (edited " + n.edits() + "x"
        + n.param("link").map(l -> ", recording " + l.substring(l.lastIndexOf('/') + 1))
            .orElse("") + ")" : "";
    return n.uniq().orElse("?") + " " + dir + duration + status + edited;
  }

  private static String callStatus(String code) {
    return switch (code) {
      case "4" -> "";
      case "6" -> " missed";
      case "7" -> " busy";
      case "1" -> " voicemail";
      default -> " status " + code;
    };
  }

  private void unsorted() {
    List<StoredUnsorted> all = amo.unsorted();
    if (all.isEmpty()) {
      return;
    }
    out.section("Unsorted requests (" + all.size() + ")");
    for (StoredUnsorted u : all) {
      Optional<Object> phone = Optional.ofNullable(u.metadata().get("from"));
      out.line("  " + Out.pad(Out.cut(u.uid(), 14), 14) + " " + Out.pad(u.state().name()
          .toLowerCase(java.util.Locale.ROOT), 9) + " call " + u.uniq().orElse("?") + " from "
          + phone.map(Object::toString).orElse("?") + ", " + names.pipeline(u.pipelineId())
          + ", deal #" + u.leadId() + u.decidedBy().map(by -> ", accepted by " + names.user(by))
              .orElse(""));
    }
  }

  private static String entity(String apiName) {
    return switch (apiName) {
      case "leads" -> "deal";
      case "contacts" -> "contact";
      case "companies" -> "company";
      default -> apiName;
    };
  }
}
