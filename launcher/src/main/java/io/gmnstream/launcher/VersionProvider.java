package io.gmnstream.launcher;

import picocli.CommandLine;

/** Reports the version Maven packaged into the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = GmnStream.class.getPackage().getImplementationVersion();
    return new String[] {"gmn-stream " + (version == null ? "(development build)" : version)};
  }
}
