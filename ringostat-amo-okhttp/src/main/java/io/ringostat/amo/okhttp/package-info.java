/**
 * amoCRM (Kommo) REST API v4 transport for {@code ringostat-amo-core}: {@link
 * io.ringostat.amo.okhttp.AmoOkHttpGateway} implements the core's {@code CrmGateway} on OkHttp and
 * Jackson, with rate limiting, retries, OAuth refresh and exactly-once creates.
 *
 * <pre>{@code
 * CrmGateway gateway = AmoOkHttpGateway.builder()
 *     .account(AmoAccount.of("mycompany", AmoZone.AMOCRM_RU))
 *     .credentials(LongLivedToken.of(System.getenv("AMO_TOKEN"))).build();
 * }</pre>
 *
 * <p>Failures are unchecked {@link io.ringostat.amo.okhttp.AmoException}s: {@link
 * io.ringostat.amo.okhttp.AmoClientException} when no usable answer came, {@link
 * io.ringostat.amo.okhttp.AmoServiceException} and its subclasses when amoCRM answered with an
 * error status.
 */
package io.ringostat.amo.okhttp;
