package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;

/**
 * Writes a matrix: the preset's name when it equals a preset, otherwise the full object form
 * (every cell, each with the keys that differ from a cell's defaults), which reads back equal.
 */
public final class MatrixWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private MatrixWriter() {}

  public static JsonNode write(DecisionMatrix m) {
    if (MatrixPresets.ALL.contains(m)) {
      return F.textNode(m.name());
    }
    ObjectNode out = F.objectNode();
    out.put("name", m.name());
    ObjectNode cells = out.putObject("cells");
    for (Scenario s : Scenario.values()) {
      cells.set(s.name(), cell(m.cell(s)));
    }
    m.unknownEndpointTask().ifPresent(t -> out.set("unknownEndpointTask", task(t)));
    if (m.responsibleLeg() != io.ringostat.amo.core.matrix.ResponsibleLeg.FIRST) {
      out.put("responsibleLeg", m.responsibleLeg().name());
    }
    if (m.completeCallbackTasks()) {
      out.put("completeCallbackTasks", true);
    }
    if (!m.outsideHours().isEmpty()) {
      // every key written: the reader starts an outsideHours cell from the ordinary one
      ObjectNode night = out.putObject("outsideHours");
      m.outsideHours().forEach((s, c) -> night.set(s.name(), fullCell(c)));
    }
    return out;
  }

  private static ObjectNode cell(MatrixCell c) {
    MatrixCell d = MatrixCell.NOTHING;
    ObjectNode out = F.objectNode();
    if (c.createContact() != d.createContact()) {
      out.put("createContact", c.createContact());
    }
    if (c.deal() != d.deal()) {
      out.put("deal", c.deal().name());
    }
    if (c.createUnsorted() != d.createUnsorted()) {
      out.put("createUnsorted", c.createUnsorted());
    }
    if (c.createOn() != d.createOn()) {
      out.put("createOn", c.createOn().name());
    }
    if (c.recordCall() != d.recordCall()) {
      out.put("recordCall", c.recordCall().name());
    }
    c.task().ifPresent(t -> out.set("task", task(t)));
    if (c.assignee() != d.assignee()) {
      out.put("assignee", c.assignee().name());
    }
    if (c.updateTracking() != d.updateTracking()) {
      out.put("updateTracking", c.updateTracking());
    }
    return out;
  }

  private static ObjectNode fullCell(MatrixCell c) {
    ObjectNode out = F.objectNode();
    out.put("createContact", c.createContact());
    out.put("deal", c.deal().name());
    out.put("createUnsorted", c.createUnsorted());
    out.put("createOn", c.createOn().name());
    out.put("recordCall", c.recordCall().name());
    if (c.task().isPresent()) {
      out.set("task", task(c.task().get()));
    } else {
      out.putNull("task");
    }
    out.put("assignee", c.assignee().name());
    out.put("updateTracking", c.updateTracking());
    return out;
  }

  private static ObjectNode task(TaskRule t) {
    ObjectNode out = F.objectNode();
    out.put("assignee", t.assignee().name());
    out.put("template", t.template());
    return out;
  }
}
