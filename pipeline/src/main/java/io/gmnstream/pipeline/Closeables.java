package io.gmnstream.pipeline;

/** Closing several resources where one failing must not leave the others open. */
final class Closeables {
  private Closeables() {}

  /**
   * Closes each resource in order, adding any failure to {@code failure} as suppressed instead of
   * stopping. Null entries (resources that never started) are skipped.
   */
  static void closeAll(Throwable failure, AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
