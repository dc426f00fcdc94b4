package io.gmnstream.launcher.demo;

import java.nio.file.Path;

/** One example network: a file, and for safetensors weights the layer spec beside it. */
record DemoInput(String label, Path file, Path layerSpec) {}
