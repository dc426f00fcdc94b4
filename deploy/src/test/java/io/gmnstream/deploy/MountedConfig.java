package io.gmnstream.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.List;

/**
 * The run config a container starts with: the file its {@code --config} argument names, found
 * through the container's volume mounts in the ConfigMap that volume comes from. Fails when any link
 * of that chain is missing, which is what a pod would do at start.
 */
record MountedConfig(String configMap, String key, String text) {

  static MountedConfig of(Overlay overlay, PodSpec pod, Container container) {
    List<String> args = container.getArgs();
    int flag = args.indexOf("--config");
    if (flag < 0 || flag + 1 >= args.size()) {
      throw new AssertionError(container.getName() + ": no --config FILE in its args " + args);
    }
    Path file = Path.of(args.get(flag + 1));
    VolumeMount mount = container.getVolumeMounts().stream()
        .filter(m -> file.getParent().equals(Path.of(m.getMountPath())))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + ": nothing is mounted at " + file.getParent()));
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + ": no volume " + mount.getName()));
    if (volume.getConfigMap() == null) {
      throw new AssertionError(container.getName() + ": volume " + volume.getName() + " is not a ConfigMap");
    }
    String name = volume.getConfigMap().getName();
    ConfigMap map = overlay.named(ConfigMap.class, name);
    String key = file.getFileName().toString();
    String text = map.getData().get(key);
    if (text == null) {
      throw new AssertionError("ConfigMap " + name + " has no key " + key + " (keys: " + map.getData().keySet() + ")");
    }
    return new MountedConfig(name, key, text);
  }
}
