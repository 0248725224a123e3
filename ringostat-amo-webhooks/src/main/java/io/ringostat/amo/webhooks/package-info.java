/**
 * An HTTP receiver for call events posted by a telephony platform (HMAC-signed) and for amoCRM's
 * webhooks, which keep smart routing's cache fresh (R-SOURCES). See {@code docs/sources.md}.
 *
 * <pre>{@code
 * WebhookServer server = WebhookServer.builder().engine(engine).secret(secret).port(8080)
 *     .amoPathToken(token).build().start();
 * // ... server.close(); engine.close();
 * }</pre>
 */
package io.ringostat.amo.webhooks;
