/**
 * Asterisk Manager Interface (AMI) adapter: logs in to Asterisk over TCP, follows every call on the
 * event stream by its {@code Linkedid}, and hands the resulting {@link
 * io.ringostat.amo.core.model.CallEvent}s (RINGING, ANSWERED, ENDED) to a {@link
 * io.ringostat.amo.asterisk.CallEventSink}.
 *
 * <pre>{@code
 * AmiConfig config = AmiConfig.builder().host("pbx.example.com").username("amo").secret(secret).build();
 * AmiCallSource source = AmiCallSource.create(config, engine::handleAsync);
 * source.start();   // ... later: source.close();
 * }</pre>
 *
 * <p>Everything public in this package is API; the rest (connection, framing, call tracking, event
 * mapping) is package-private.
 */
package io.ringostat.amo.asterisk;
