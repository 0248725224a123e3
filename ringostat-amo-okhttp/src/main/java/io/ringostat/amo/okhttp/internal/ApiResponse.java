package io.ringostat.amo.okhttp.internal;

import okhttp3.Headers;

/** A 2xx answer: status, headers and the body (empty for 204). */
public record ApiResponse(int status, Headers headers, byte[] body) {
  /** True for 204 No Content or an empty body: amoCRM's "nothing found". */
  public boolean isEmpty() {
    return status == 204 || body == null || body.length == 0;
  }
}
