package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} (RFC 6750); otherwise 401
 * with {@code WWW-Authenticate: Bearer}. The browser's EventSource cannot send headers, so the
 * event stream also accepts the token as the {@value #QUERY_PARAMETER} query parameter.
 */
public final class BearerTokenFilter extends Filter {

  public static final String QUERY_PARAMETER = "access_token";
  private static final String SCHEME = "bearer ";
  private static final String REALM = "Bearer realm=\"gmn-dashboard\"";

  private final byte[] expectedDigest;
  private final boolean acceptQueryParameter;

  public BearerTokenFilter(String token, boolean acceptQueryParameter) {
    this.expectedDigest = sha256(token);
    this.acceptQueryParameter = acceptQueryParameter;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Optional<String> presented = presentedToken(exchange);
    if (presented.isPresent() && matches(presented.get())) {
      chain.doFilter(exchange);
      return;
    }
    exchange.getResponseHeaders().set("WWW-Authenticate",
        presented.isPresent() ? REALM + ", error=\"invalid_token\"" : REALM);
    HttpResponses.error(exchange, 401, presented.isPresent()
        ? "the bearer token is not the dashboard's token"
        : "this endpoint needs the header 'Authorization: Bearer <token>' (the monitor's "
            + "dashboard.bearer.token); in the browser open the page as /#token=<token>");
  }

  @Override
  public String description() {
    return "requires the dashboard's bearer token";
  }

  private Optional<String> presentedToken(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
      return Optional.of(header.substring(SCHEME.length()).trim());
    }
    if (acceptQueryParameter) {
      return QueryParameters.parse(exchange.getRequestURI().getRawQuery()).get(QUERY_PARAMETER);
    }
    return Optional.empty();
  }

  /** Compares digests, so the time taken reveals neither the matching prefix nor the length. */
  private boolean matches(String presented) {
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
