package io.ringostat.amo.core.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * The explanation of a plan, one line per part, rendered when it is first read: most plans are
 * executed without anyone reading why. Immutable and thread-safe: a part renders from values it
 * captured when it was added, which never change, so rendering twice (by two racing readers)
 * gives equal lines. Equality, hash code and text are those of a {@code List<String>}.
 */
public final class Explanation extends AbstractList<String> implements RandomAccess {
  private final List<Supplier<String>> parts;
  private volatile List<String> lines;

  private Explanation(List<Supplier<String>> parts) {
    this.parts = parts;
  }

  @Override
  public String get(int index) {
    return lines().get(index);
  }

  @Override
  public int size() {
    return parts.size();
  }

  private List<String> lines() {
    List<String> rendered = lines;
    if (rendered == null) {
      List<String> out = new ArrayList<>(parts.size());
      for (Supplier<String> part : parts) {
        out.add(part.get());
      }
      rendered = List.copyOf(out);
      lines = rendered;
    }
    return rendered;
  }

  /** Collects the lines of one decision; not thread-safe, the explanation it builds is. */
  public static final class Builder {
    private final List<Supplier<String>> parts = new ArrayList<>();

    /**
     * Adds a line; {@code line} must read only values that never change (use a constant lambda
     * for fixed text, and capture values rather than mutable state).
     */
    public Builder add(Supplier<String> line) {
      parts.add(line);
      return this;
    }

    /** The explanation of the lines so far; later additions do not change it. */
    public Explanation build() {
      return new Explanation(List.copyOf(parts));
    }
  }
}
