package io.ringostat.amo.okhttp.internal;

import okhttp3.Headers;

/**
 * An HTTP answer: status, headers and body. Past {@link ErrorMapping} it is always a 2xx with a
 * body (empty for 204). Below it, {@code body} is null when it exceeded {@link
 * Json#MAX_BODY_BYTES} and was not read.
 */
public record ApiResponse(int status, Headers headers, byte[] body) {
  /**
   * True for 204 No Content: amoCRM's "nothing found". A 200 with an empty body is not "nothing
   * found" (it may be a proxy's cut answer); reading it fails as an invalid response, so a lookup
   * never mistakes it for an unknown caller and creates a duplicate contact.
   */
  public boolean isEmpty() {
    return status == 204;
  }
}
