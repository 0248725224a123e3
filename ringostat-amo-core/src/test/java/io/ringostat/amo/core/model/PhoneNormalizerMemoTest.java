package io.ringostat.amo.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNormalizerMemoTest {
  @Test
  void aRememberedNumberNormalizesAsAFreshOne() {
    PhoneNormalizer memo = PhoneNormalizer.forCountry("UA");
    for (String raw : new String[] {"+380 44 123-45-67", "0441234567", "anonymous", "", "12"}) {
      PhoneParse first = memo.normalize(raw);
      assertThat(memo.normalize(raw)).isEqualTo(first)
          .isEqualTo(PhoneNormalizer.forCountry("UA").normalize(raw));
    }
  }

  @Test
  void theMemoStaysBounded() {
    PhoneNormalizer n = PhoneNormalizer.forCountry("UA");
    for (int i = 0; i < PhoneNormalizer.MEMO_CAPACITY * 2 + 10; i++) {
      n.normalize("+38044" + (1_000_000 + i));
    }
    assertThat(n.memoSize()).isBetween(1, PhoneNormalizer.MEMO_CAPACITY);
    assertThat(n.normalize("+380441000000").number()).contains(new PhoneNumber("380441000000"));
  }

  @Test
  void nullAndLongInputAreNotRemembered() {
    PhoneNormalizer n = PhoneNormalizer.forCountry("UA");
    assertThat(n.normalize(null)).isEqualTo(new PhoneParse.Invalid("", PhoneProblem.EMPTY));
    assertThat(n.normalize("1".repeat(100))).isInstanceOf(PhoneParse.Invalid.class);
    assertThat(n.memoSize()).isZero();
  }
}
