package io.ringostat.amo.asterisk;

/**
 * Keys the adapter writes into {@code CallEvent.tracking().extra()}.
 *
 * <p>Until {@code CallEvent} carries the legs of a transferred call itself (issue 12), the ENDED
 * event of a call that more than one employee talked on names the first answerer as {@code
 * employeeEndpoint} and lists every leg here, numbered from 1 in the order they began:
 *
 * <pre>{@code
 * ami_transfer=attended  ami_legs=2
 * ami_leg_1_endpoint=ivan  ami_leg_1_from=2024-06-10T09:00:07Z  ami_leg_1_seconds=41
 * ami_leg_2_endpoint=petr  ami_leg_2_from=2024-06-10T09:00:48Z  ami_leg_2_seconds=80
 * }</pre>
 */
public final class AmiExtras {
  /** Why the call's ENDED event was made from partial knowledge, e.g. {@code connection lost}. */
  public static final String INCOMPLETE = "ami_incomplete";
  /** The queue the caller waited in ({@code QueueCallerJoin}). */
  public static final String QUEUE = "ami_queue";
  /** {@code blind} or {@code attended} when the call was transferred (the last kind seen). */
  public static final String TRANSFER = "ami_transfer";
  /** Number of legs, present when more than one employee talked with the client. */
  public static final String LEGS = "ami_legs";
  /** Prefix of the per-leg keys: {@code ami_leg_<n>_endpoint}, {@code _from}, {@code _seconds}. */
  public static final String LEG_PREFIX = "ami_leg_";
  /** At most this many legs are listed (the extra parameters are capped); later ones are counted only. */
  public static final int MAX_LISTED_LEGS = 10;

  /** Reason given for calls in progress when the AMI connection dropped. */
  public static final String CONNECTION_LOST = "connection lost";
  /** Reason given for calls in progress when the source was closed. */
  public static final String SOURCE_CLOSED = "source closed";
  /** Reason given when more than {@code AmiConfig.maxCalls} calls were in progress. */
  public static final String TOO_MANY_CALLS = "too many calls in progress";

  private AmiExtras() {}
}
