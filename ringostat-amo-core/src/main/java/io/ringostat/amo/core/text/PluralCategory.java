package io.ringostat.amo.core.text;

/**
 * A CLDR plural category of a whole number. Russian and Ukrainian use {@link #ONE}, {@link #FEW}
 * and {@link #MANY} for integers; English uses {@link #ONE} and {@link #OTHER}.
 */
public enum PluralCategory {
  ONE,
  FEW,
  MANY,
  OTHER
}
