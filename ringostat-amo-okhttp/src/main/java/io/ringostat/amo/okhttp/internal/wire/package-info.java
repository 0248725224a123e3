/**
 * Jackson records for amoCRM's JSON responses (not API: may change in any release). Unknown
 * fields are ignored, every field may be absent ({@code null}), and lists may be {@code null}:
 * callers use the null-safe accessors. Request bodies are built as trees in {@code
 * io.ringostat.amo.okhttp.internal.Payloads}, so that their shape is explicit.
 */
package io.ringostat.amo.okhttp.internal.wire;
