package io.gmnstream.operator.djl;

import ai.djl.Device;

/** What the started engine reports: versions, the device it picked and the settings it runs with. */
public record EngineInfo(String djlVersion, String engineName, String engineVersion, Device device, int gpuCount,
                         DjlSettings settings) {

    /** One log line, e.g. {@code DJL 0.35.1 PyTorch 2.7.1 on cpu() (0 GPUs), threads 2/1, offline, cache /x}. */
    public String describe() {
        return "DJL " + djlVersion + " " + engineName + " " + engineVersion + " on " + device
                + " (" + gpuCount + (gpuCount == 1 ? " GPU" : " GPUs") + "), threads " + settings.numThreads()
                + "/" + settings.numInteropThreads() + ", offline, cache " + settings.cacheDir();
    }
}
