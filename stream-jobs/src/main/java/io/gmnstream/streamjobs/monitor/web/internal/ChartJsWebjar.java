package io.gmnstream.streamjobs.monitor.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the Chart.js webjar keeps its files. The page asks for {@code /webjars/chart.js/dist/...}
 * without a version, and the version comes from the webjar's own Maven metadata, so upgrading the
 * dependency needs no change to the page.
 */
public final class ChartJsWebjar {

  private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartJsWebjar() {}

  /** The classpath folder of the webjar's files, e.g. {@code META-INF/resources/webjars/chart.js/4.5.1/}. */
  public static String classpathFolder() {
    Properties properties = new Properties();
    try (InputStream in = ChartJsWebjar.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("Chart.js is not on the classpath (no " + POM_PROPERTIES + "): the "
            + "dashboard needs the org.webjars.npm:chart.js dependency of stream-jobs");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
    }
    String version = properties.getProperty("version");
    if (version == null || version.isBlank()) {
      throw new IllegalStateException(POM_PROPERTIES + " names no version");
    }
    return "META-INF/resources/webjars/chart.js/" + version.trim() + "/";
  }
}
