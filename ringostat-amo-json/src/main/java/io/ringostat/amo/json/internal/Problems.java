package io.ringostat.amo.json.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems (path + reason) while a document is walked, so that every problem is reported
 * at once. Caps the list so that a hostile document cannot make the report huge; the cap is itself
 * reported. One instance per parse; not thread-safe.
 */
public final class Problems {
  /** One problem: where (a path such as {@code employees[2].sipLogins[0]}) and why. */
  public record Problem(String path, String reason) {
    @Override
    public String toString() {
      return path + ": " + reason;
    }
  }

  private final List<Problem> problems = new ArrayList<>();
  private final int max;
  private int dropped;

  /** A collector that keeps at most {@code max} problems and counts the rest. */
  public Problems(int max) {
    this.max = max;
  }

  public void add(String path, String reason) {
    if (problems.size() < max) {
      problems.add(new Problem(path, reason));
    } else {
      dropped++;
    }
  }

  /** How many problems were added so far, including those left out of {@link #list()}. */
  public int count() {
    return problems.size() + dropped;
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in the order found, plus one line saying how many were left out, if any. */
  public List<Problem> list() {
    if (dropped == 0) {
      return List.copyOf(problems);
    }
    List<Problem> all = new ArrayList<>(problems);
    all.add(new Problem(Paths.ROOT, dropped + " more problem(s) not listed; fix the ones above first"));
    return List.copyOf(all);
  }
}
