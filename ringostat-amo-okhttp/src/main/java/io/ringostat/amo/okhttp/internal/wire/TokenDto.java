package io.ringostat.amo.okhttp.internal.wire;

/** The answer of {@code POST /oauth2/access_token} (reference §1.2). */
public record TokenDto(String tokenType, Long expiresIn, Long serverTime, String accessToken,
    String refreshToken) {
  @Override
  public String toString() {
    return "TokenDto[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", ***]";
  }
}
