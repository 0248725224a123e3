/**
 * The {@code AmoCrm} port over amoCRM's REST API v4 on OkHttp. {@code internal} (the channel
 * chain, payloads, finds) and {@code internal.wire} (Jackson records of the wire format) are not
 * exported; the wire records are opened to Jackson only.
 */
module io.ringostat.amo.okhttp {
  requires transitive io.ringostat.amo.core;
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;
  requires static org.immutables.value;

  exports io.ringostat.amo.okhttp;

  opens io.ringostat.amo.okhttp.internal.wire to com.fasterxml.jackson.databind;
}
