package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Serves {@code <urlPrefix><name>} from {@link StaticFiles}; with an index, also the prefix itself. */
public final class StaticFileHandler implements HttpHandler {

  private final String urlPrefix;
  private final StaticFiles files;
  private final String index;

  /**
   * @param urlPrefix the context path, ending with '/'
   * @param index the file answered for the prefix itself, e.g. {@code index.html}; null for none
   */
  public StaticFileHandler(String urlPrefix, StaticFiles files, String index) {
    if (!urlPrefix.endsWith("/")) {
      throw new IllegalArgumentException("urlPrefix must end with '/', got " + urlPrefix);
    }
    this.urlPrefix = urlPrefix;
    this.files = files;
    this.index = index;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith(urlPrefix)) {
      HttpResponses.notFound(exchange);
    } else if (path.equals(urlPrefix) && index != null) {
      files.serve(exchange, index);
    } else {
      files.serve(exchange, path.substring(urlPrefix.length()));
    }
  }
}
