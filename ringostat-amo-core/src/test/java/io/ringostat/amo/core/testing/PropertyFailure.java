package io.ringostat.amo.core.testing;

/**
 * What {@link Property} throws when a property fails: the message shows the shrunk value, the
 * shrink steps, the failure and the replay flags; the getters give the same facts to tests of the
 * harness and of planted bugs. The cause is the failure of the shrunk value.
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient Object value;
  private final int shrinkSteps;
  private final long seed;
  private final int size;

  PropertyFailure(String message, Throwable cause, Object value, int shrinkSteps, long seed,
      int size) {
    super(message, cause);
    this.value = value;
    this.shrinkSteps = shrinkSteps;
    this.seed = seed;
    this.size = size;
  }

  /** The shrunk failing value; {@code null} when the generator itself failed. */
  public Object value() {
    return value;
  }

  /** How many simpler values value shrinking took (0: none, or no shrinker). */
  public int shrinkSteps() {
    return shrinkSteps;
  }

  /** The seed that replays the failure (before value shrinking). */
  public long seed() {
    return seed;
  }

  /** The smallest size at which the seed fails. */
  public int size() {
    return size;
  }
}
