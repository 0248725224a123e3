package io.ringostat.amo.it.support;

import io.ringostat.amo.testkit.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The "Measured requests" table of {@code docs/requests.md}, read from the repository. */
public final class RequestTable {
  public static final Path DOC = Path.of("..", "docs", "requests.md");

  /** One row: the lookup and execute requests of one event, as "METHOD /path". */
  public record Row(String preset, String scenario, String event, List<String> lookup,
      List<String> execute) {
    public int total() {
      return lookup.size() + execute.size();
    }
  }

  private final Map<String, Row> rows;

  private RequestTable(Map<String, Row> rows) {
    this.rows = rows;
  }

  public static RequestTable load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOC);
    } catch (IOException e) {
      throw new UncheckedIOException("docs/requests.md must be readable from the module", e);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("| RECOMMENDED") && !line.startsWith("| UPDATE_ONLY")
          && !line.startsWith("| UNSORTED")) {
        continue;
      }
      String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
      // cells[0] is empty (leading pipe)
      Row r = new Row(cells[1], cells[2], cells[3], requests(cells[4]), requests(cells[5]));
      rows.put(key(r.preset(), r.scenario(), r.event()), r);
    }
    return new RequestTable(rows);
  }

  private static List<String> requests(String cell) {
    if (cell.equals("—") || cell.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(cell.split("<br>")).map(String::trim).toList();
  }

  private static String key(String preset, String scenario, String event) {
    return preset + " | " + scenario + " | " + event;
  }

  public Optional<Row> row(String preset, String scenario, String event) {
    return Optional.ofNullable(rows.get(key(preset, scenario, event)));
  }

  public int size() {
    return rows.size();
  }

  /** A logged request as the table writes it: method, path, entity ids as {@code {id}}. */
  public static String describe(LoggedRequest r) {
    return r.method() + " " + r.path().replaceAll("/\\d+(?=/|$)", "/{id}");
  }
}
