package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.gmnstream.launcher.GmnStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * deploy/docker/Dockerfile against the manifests and the build: a target for every image the
 * manifests run, non-root users, the launcher's main class and jar, offline DJL with a warm-up, and
 * a GPU flavour that the DJL JNI jar on the class path actually ships. (No Docker daemon is needed.)
 */
class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
  private static final Pattern STAGE = Pattern.compile("^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  /** Stage name -> its lines (continuations joined). */
  private static Map<String, String> stages() throws IOException {
    Map<String, String> stages = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readString(DOCKERFILE).replace("\\\n", " ").split("\n")) {
      Matcher m = STAGE.matcher(line.trim());
      if (m.matches()) {
        if (current != null) {
          stages.put(current, text.toString());
        }
        current = m.group(1);
        text.setLength(0);
      }
      text.append(line).append('\n');
    }
    stages.put(current, text.toString());
    return stages;
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyImageOfOursIsATargetThatRunsAsANonRootUser(Overlay overlay) throws IOException {
    Map<String, String> stages = stages();
    Stream<String> images = Stream.concat(
        SecretReferencesTest.containers(overlay).map(Container::getImage),
        overlay.all(FlinkDeployment.class).stream().map(f -> f.getSpec().getImage()));
    // The Flink pod template's container has no image of its own: the operator uses spec.image.
    images.filter(Objects::nonNull).filter(image -> image.startsWith("ghcr.io/gmn-stream/")).distinct().forEach(image -> {
      String target = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
      assertThat(stages).as("a Dockerfile target for " + image).containsKey(target);
      String user = stages.get(target).lines().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("");
      assertThat(user).as(target + " runs as").isNotEmpty().doesNotContain("root").doesNotMatch("USER 0(:.*)?");
    });
  }

  @Test
  void theServicesRunTheLauncherAndTheJobIsItsJar() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile).contains("\"" + GmnStream.class.getName() + "\"]").contains("-Dai.djl.offline=true");
    String jarUri = FlinkDeploymentTest.graphBuilder(Overlay.BASE).getSpec().getJob().getJarURI();
    String jar = jarUri.substring(jarUri.lastIndexOf('/') + 1);
    assertThat(dockerfile).contains("launcher/target/" + jar).contains("/opt/flink/usrlib/");
  }

  @Test
  void theFlinkImageIsTheFlinkTheJobIsBuiltWith() throws IOException {
    assertThat(Files.readString(DOCKERFILE)).contains("ARG FLINK_IMAGE=flink:" + FlinkVersion.current() + ".");
  }

  @Test
  void bothScorerImagesBakeTheOfflineDjlCache() throws IOException {
    for (String target : List.of("operator", "operator-gpu")) {
      String stage = stages().get(target);
      assertThat(stage).as(target).contains("GmnStream score --model").contains("DJL_CACHE_DIR");
    }
    assertThat(stages().get("runtime")).contains("DJL_CACHE_DIR=");
  }

  @Test
  void theGpuFlavourIsOneTheDjlJniJarShipsForItsPyTorchVersion() throws IOException {
    String gpu = stages().get("operator-gpu");
    String flavour = value(gpu, "PYTORCH_FLAVOR");
    String version = value(gpu, "PYTORCH_VERSION");
    Properties jni = new Properties();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("jnilib/pytorch.properties")) {
      assertThat(in).as("pytorch-jni on the class path").isNotNull();
      jni.load(in);
    }
    assertThat(jni.getProperty("jni_version")).startsWith(version + "-");
    assertThat(getClass().getClassLoader().getResource("jnilib/linux-x86_64/" + flavour + "/libdjl_torch.so"))
        .as("DJL's JNI glue for " + flavour).isNotNull();
    assertThat(stages().get("libtorch-cu128")).contains(version + "%2B" + flavour);
  }

  private static String value(String stage, String env) {
    Matcher m = Pattern.compile(env + "=(\\S+)").matcher(stage);
    assertThat(m.find()).as(env).isTrue();
    return m.group(1);
  }
}
