package io.ringostat.amo.okhttp.internal.wire;

/** HAL {@code _links}: only whether a next page exists matters to us. */
public record Links(Link self, Link next) {
  /** One link. */
  public record Link(String href) {}

  /** True when {@code links} names a next page. */
  public static boolean hasNext(Links links) {
    return links != null && links.next() != null && links.next().href() != null;
  }
}
