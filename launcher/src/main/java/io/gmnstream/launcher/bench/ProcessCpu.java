package io.gmnstream.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time of the whole JVM process (every thread: PyTorch's, the GC's), where the JVM reports it. */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU used so far, or 0 on a JVM without the HotSpot management extension. */
  static long nanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return Math.max(0, hotspot.getProcessCpuTime());
    }
    return 0;
  }
}
