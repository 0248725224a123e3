package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code query} search of contact/lead lists, fuzzy like amoCRM's full-text search over all
 * filled fields (reference §4, §5.1). An entity matches when the query text (case-insensitive) is a
 * substring of its name or of any custom-field value, or when the query has at least five digits
 * and they are a substring of the digits of any custom-field value. So a phone query can match a
 * contact through another field or a longer number: the wrong-match pitfall of reference §15 that
 * clients must guard against by checking PHONE themselves. (amoCRM's exact algorithm is
 * unconfirmed, §16.7; this one is our fixed choice.)
 */
final class FuzzyQuery {
  private final String text;
  private final String digits;

  FuzzyQuery(String query) {
    this.text = query.trim().toLowerCase(Locale.ROOT);
    String d = Phones.digits(query);
    this.digits = d.length() >= 5 ? d : null;
  }

  boolean matches(CrmEntity e) {
    List<String> texts = new ArrayList<>();
    texts.add(e.name);
    if (e instanceof ContactEntity c) {
      texts.add(c.firstName);
      texts.add(c.lastName);
    }
    List<String> values = new ArrayList<>();
    for (FieldData f : e.fields) {
      for (FieldData.Item i : f.items()) {
        values.add(i.value());
      }
    }
    texts.addAll(values);
    for (String t : texts) {
      if (t != null && !text.isEmpty() && t.toLowerCase(Locale.ROOT).contains(text)) {
        return true;
      }
    }
    if (digits != null) {
      for (String v : values) {
        if (Phones.digits(v).contains(digits)) {
          return true;
        }
      }
    }
    return false;
  }
}
