package io.ringostat.amo.journal.postgres;

import static io.ringostat.amo.journal.postgres.DbClock.NOW_MS;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lease columns of {@code accounts}: the statements behind {@link Leases}, each run inside a
 * transaction the caller opened. Every time is the database's ({@link DbClock}). Taking or
 * renewing a lease updates the account's row, so it waits for (and is waited for by) the
 * account's journal writes, which lock that row first.
 */
final class LeaseStore {
  private static final String EXPIRED = "(lease_until IS NULL OR lease_until <= " + NOW_MS + ")";

  private final Tables t;

  LeaseStore(Tables tables) {
    this.t = tables;
  }

  /** Creates the account's row, free, when missing. */
  void register(Connection c, String account) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.accounts
        + " (account, created_at) VALUES (?, " + NOW_MS + ") ON CONFLICT (account) DO NOTHING")) {
      p.setString(1, account);
      p.executeUpdate();
    }
  }

  /** Takes the account if it is free or expired (creating its row if missing). */
  Optional<Lease> acquire(Connection c, String account, String owner, Duration ttl)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t.accounts + " AS a"
        + " (account, created_at, lease_owner, lease_until, fence)"
        + " VALUES (?, " + NOW_MS + ", ?, " + NOW_MS + " + ?, 1)"
        + " ON CONFLICT (account) DO UPDATE SET lease_owner = excluded.lease_owner,"
        + " lease_until = " + NOW_MS + " + ?, fence = a.fence + 1"
        + " WHERE a.lease_until IS NULL OR a.lease_until <= " + NOW_MS
        + " RETURNING a.fence, a.lease_until")) {
      p.setString(1, account);
      p.setString(2, owner);
      p.setLong(3, ttl.toMillis());
      p.setLong(4, ttl.toMillis());
      try (ResultSet r = p.executeQuery()) {
        return r.next()
            ? Optional.of(new Lease(account, owner, r.getLong(1), Millis.instant(r.getLong(2)), ttl))
            : Optional.empty();
      }
    }
  }

  /**
   * Takes up to {@code max} free or expired accounts, longest free first. Rows locked by a write
   * or another claim are skipped, so claimers never wait for each other nor take the same account.
   */
  List<Lease> claim(Connection c, String owner, Duration ttl, int max) throws SQLException {
    List<Lease> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("WITH free AS (SELECT account FROM "
        + t.accounts + " WHERE " + EXPIRED + " ORDER BY lease_until NULLS FIRST, account"
        + " LIMIT ? FOR NO KEY UPDATE SKIP LOCKED)"
        + " UPDATE " + t.accounts + " a SET lease_owner = ?, lease_until = " + NOW_MS + " + ?,"
        + " fence = a.fence + 1 FROM free WHERE a.account = free.account"
        + " RETURNING a.account, a.fence, a.lease_until")) {
      p.setInt(1, max);
      p.setString(2, owner);
      p.setLong(3, ttl.toMillis());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Lease(r.getString(1), owner, r.getLong(2), Millis.instant(r.getLong(3)),
              ttl));
        }
      }
    }
    return out;
  }

  /**
   * Renews each of {@code leases} that is still its owner's with the same fence and not expired,
   * in one statement; returns the renewed ones by account. The others are lost.
   */
  Map<String, Lease> renew(Connection c, Collection<Lease> leases) throws SQLException {
    Map<String, Lease> byAccount = new HashMap<>();
    String[] accounts = new String[leases.size()];
    String[] owners = new String[leases.size()];
    Long[] fences = new Long[leases.size()];
    Long[] ttls = new Long[leases.size()];
    int i = 0;
    for (Lease l : leases) {
      byAccount.put(l.accountId(), l);
      accounts[i] = l.accountId();
      owners[i] = l.ownerId();
      fences[i] = l.fence();
      ttls[i] = l.ttl().toMillis();
      i++;
    }
    Map<String, Lease> renewed = new HashMap<>();
    Array a1 = c.createArrayOf("text", accounts);
    Array a2 = c.createArrayOf("text", owners);
    Array a3 = c.createArrayOf("bigint", fences);
    Array a4 = c.createArrayOf("bigint", ttls);
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.accounts + " a"
        + " SET lease_until = " + NOW_MS + " + l.ttl"
        + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])"
        + " AS l(account, owner, fence, ttl)"
        + " WHERE a.account = l.account AND a.lease_owner = l.owner AND a.fence = l.fence"
        + " AND a.lease_until > " + NOW_MS
        + " RETURNING a.account, a.lease_until")) {
      p.setArray(1, a1);
      p.setArray(2, a2);
      p.setArray(3, a3);
      p.setArray(4, a4);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Lease l = byAccount.get(r.getString(1));
          renewed.put(l.accountId(), l.renewedUntil(Millis.instant(r.getLong(2))));
        }
      }
    } finally {
      a1.free();
      a2.free();
      a3.free();
      a4.free();
    }
    return renewed;
  }

  /** Frees the account if {@code lease} still holds it (expired or not); false otherwise. */
  boolean release(Connection c, Lease lease) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE " + t.accounts
        + " SET lease_owner = NULL, lease_until = NULL"
        + " WHERE account = ? AND lease_owner = ? AND fence = ?")) {
      p.setString(1, lease.accountId());
      p.setString(2, lease.ownerId());
      p.setLong(3, lease.fence());
      return p.executeUpdate() == 1;
    }
  }

  /** Up to {@code limit} free or expired accounts, longest free first. */
  List<String> claimable(Connection c, int limit) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT account FROM " + t.accounts
        + " WHERE " + EXPIRED + " ORDER BY lease_until NULLS FIRST, account LIMIT ?")) {
      p.setInt(1, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
    }
    return out;
  }

  /** How many accounts the schema has and how many owners hold a live lease. */
  Leases.Census census(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT count(*), count(DISTINCT lease_owner)"
        + " FILTER (WHERE lease_until > " + NOW_MS + ") FROM " + t.accounts);
        ResultSet r = p.executeQuery()) {
      r.next();
      return new Leases.Census(r.getLong(1), r.getLong(2));
    }
  }

  /** The database's clock, as the leases see it. */
  Instant now(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + NOW_MS);
        ResultSet r = p.executeQuery()) {
      r.next();
      return Millis.instant(r.getLong(1));
    }
  }
}
