package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Every dashboard endpoint only reads: anything but GET and HEAD is answered 405. */
public final class GetOnlyFilter extends Filter {

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String method = exchange.getRequestMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      chain.doFilter(exchange);
      return;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    HttpResponses.error(exchange, 405, method + " is not allowed here: the dashboard only answers GET and HEAD");
  }

  @Override
  public String description() {
    return "answers 405 to anything but GET and HEAD";
  }
}
