package io.ringostat.amo.json.internal;

/** Builds JSON paths in the form {@code employees[2].sipLogins[0]}; the whole document is "$". */
public final class Paths {
  /** The path of the whole document. */
  public static final String ROOT = "$";

  private Paths() {}

  /** The path of {@code key} inside the object at {@code parent}. */
  public static String key(String parent, String key) {
    return parent.isEmpty() || parent.equals(ROOT) ? key : parent + "." + key;
  }

  /**
   * The path of a key the input chose (an unknown key, an extra parameter): cut and masked like a
   * quoted value, so that a path never carries a long string or a whole phone number.
   */
  public static String inputKey(String parent, String key) {
    return key(parent, Redaction.safe(key, Redaction.MAX_QUOTE));
  }

  /** The path of element {@code index} of the array at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
