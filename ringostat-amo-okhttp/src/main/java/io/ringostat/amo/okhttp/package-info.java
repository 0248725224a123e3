/**
 * amoCRM (Kommo) REST API v4 transport for {@code ringostat-amo-core}: {@link
 * io.ringostat.amo.okhttp.AmoOkHttpGateway} implements the core's {@code AmoCrm} port on OkHttp and
 * Jackson, with rate limiting ({@link io.ringostat.amo.okhttp.AmoRateLimiter}, owned and shared by
 * the host), retries of what is safe to repeat, a deadline per exchange and OAuth refresh.
 * Exactly-once delivery of creates is the engine's, through the port's {@code find*} methods.
 *
 * <pre>{@code
 * AmoRateLimiter account = AmoRateLimiter.perSecond(7);
 * AmoCrm crm = AmoOkHttpGateway.builder()
 *     .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))
 *     .credentials(LongLivedToken.of(System.getenv("AMO_TOKEN")))
 *     .rateLimiter(account)
 *     .build();
 * }</pre>
 *
 * <p>Failures are unchecked {@link io.ringostat.amo.okhttp.AmoException}s: {@link
 * io.ringostat.amo.okhttp.AmoClientException} when no usable answer came, {@link
 * io.ringostat.amo.okhttp.AmoServiceException} and its subclasses when amoCRM answered with an
 * error status. Their {@code kind()} follows the {@code AmoCrm} contract.
 */
package io.ringostat.amo.okhttp;
