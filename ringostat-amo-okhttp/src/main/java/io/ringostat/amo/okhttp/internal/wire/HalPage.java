package io.ringostat.amo.okhttp.internal.wire;

/**
 * A HAL list page: {@code _links} and {@code _embedded}. amoCRM answers an empty list with 204, so
 * a 200 page without {@code _embedded} is a broken answer, never "nothing found".
 */
public interface HalPage {
  Links links();

  /** The page's {@code _embedded} object; null when the answer lacked it. */
  Object embedded();
}
