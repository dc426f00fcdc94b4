package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.gmnstream.launcher.GmnStream;
import io.gmnstream.launcher.run.LauncherConfigs;
import io.gmnstream.streamjobs.builder.GraphBuilderConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.FlinkVersion;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The graph-builder FlinkDeployment against the Flink the job is built with and the job's own config:
 * Flink 2 keys only, checkpoints and savepoints on durable storage, savepoint upgrades, and the
 * parallelism and checkpoint interval the job sets from graph-builder.yaml.
 */
class FlinkDeploymentTest {
  /** The option classes of the Flink 2 keys the manifest may use. */
  private static final List<Class<?>> OPTION_CLASSES = List.of(CheckpointingOptions.class, StateBackendOptions.class,
      HighAvailabilityOptions.class, RestartStrategyOptions.class, TaskManagerOptions.class, JobManagerOptions.class,
      MetricOptions.class, CoreOptions.class);
  /** Keys read by the Flink Kubernetes Operator itself, and the dynamic keys of a metrics reporter. */
  private static final List<String> DYNAMIC_PREFIXES = List.of("kubernetes.operator.", "metrics.reporter.");

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void flinkVersionIsTheOneTheJobIsBuiltWith(Overlay overlay) {
    ObjectNode manifest = overlay.manifests().stream()
        .filter(m -> m.path("kind").asText().equals("FlinkDeployment")).findFirst().orElseThrow();
    String current = "v" + FlinkVersion.current().toString().replace('.', '_');
    assertThat(manifest.path("spec").path("flinkVersion").asText()).isEqualTo(current);
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyConfigKeyIsAFlink2Key(Overlay overlay) {
    Set<String> known = knownKeys();
    for (String key : graphBuilder(overlay).getSpec().getFlinkConfiguration().keySet()) {
      boolean dynamic = DYNAMIC_PREFIXES.stream().anyMatch(key::startsWith);
      assertThat(dynamic || known.contains(key)).as("not a key of Flink " + FlinkVersion.current() + ": " + key).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void checkpointsAndSavepointsGoToDurableStorageAndUpgradesUseSavepoints(Overlay overlay) {
    FlinkDeployment flink = graphBuilder(overlay);
    Map<String, String> conf = flink.getSpec().getFlinkConfiguration();
    PodSpec pod = flink.getSpec().getPodTemplate().getSpec();
    for (ConfigOption<?> dir : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY,
        HighAvailabilityOptions.HA_STORAGE_PATH)) {
      String uri = conf.get(dir.key());
      assertThat(uri).as(dir.key()).isNotNull();
      assertThat(isDurable(overlay, pod, uri)).as(dir.key() + " = " + uri + " is on durable storage").isTrue();
    }
    JobSpec job = flink.getSpec().getJob();
    assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(job.getState()).isEqualTo(JobState.RUNNING);
    assertThat(conf.get(HighAvailabilityOptions.HA_MODE.key())).isEqualTo("kubernetes");
    assertThat(overlay.named(ServiceAccount.class, flink.getSpec().getServiceAccount())).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void theJobIsTheLaunchersGraphBuilderWithItsParallelismAndCheckpointInterval(Overlay overlay) {
    FlinkDeployment flink = graphBuilder(overlay);
    JobSpec job = flink.getSpec().getJob();
    assertThat(job.getEntryClass()).isEqualTo(GmnStream.class.getName());
    assertThat(job.getJarURI()).startsWith("local:///opt/flink/usrlib/");
    assertThat(List.of(job.getArgs())).startsWith("run", "graph-builder").contains("--detach");

    Container main = mainContainer(flink);
    PodSpec pod = flink.getSpec().getPodTemplate().getSpec();
    main.setArgs(List.of(job.getArgs())); // the job's args are what the launcher sees: read its --config from them
    MountedConfig config = MountedConfig.of(overlay, pod, main);
    Map<String, String> env = PodEnvironment.standIns(main);
    assertThat(env).containsKeys(PodEnvironment.references(config.text()).toArray(String[]::new));
    GraphBuilderConfig builder = LauncherConfigs.graphBuilder(config.text(), env);
    assertThat(LauncherConfigs.flinkContextMode(config.text(), env)).isTrue();

    Map<String, String> conf = flink.getSpec().getFlinkConfiguration();
    assertThat(job.getParallelism()).isEqualTo(builder.parallelism());
    assertThat(TimeUtils.parseDuration(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL.key())))
        .isEqualTo(builder.checkpointInterval());
    int slots = Integer.parseInt(conf.get(TaskManagerOptions.NUM_TASK_SLOTS.key()));
    assertThat(slots * flink.getSpec().getTaskManager().getReplicas()).isGreaterThanOrEqualTo(builder.parallelism());
    assertThat(builder.transactionTimeout()).isGreaterThan(Duration.ofMinutes(1));
  }

  static FlinkDeployment graphBuilder(Overlay overlay) {
    return overlay.named(FlinkDeployment.class, "graph-builder");
  }

  private static Container mainContainer(FlinkDeployment flink) {
    return flink.getSpec().getPodTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("flink-main-container")).findFirst().orElseThrow();
  }

  /** An object store, or a path on a mounted PersistentVolumeClaim of the overlay (not the pod's own disk). */
  private static boolean isDurable(Overlay overlay, PodSpec pod, String uri) {
    if (uri.startsWith("s3://") || uri.startsWith("s3p://") || uri.startsWith("gs://") || uri.startsWith("abfss://")) {
      return true;
    }
    if (!uri.startsWith("file:///")) {
      return false;
    }
    String path = uri.substring("file://".length());
    return mainContainer(overlay.named(FlinkDeployment.class, "graph-builder")).getVolumeMounts().stream()
        .filter(m -> path.startsWith(m.getMountPath() + "/"))
        .anyMatch(m -> pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName())
            && v.getPersistentVolumeClaim() != null
            && overlay.named(PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName()) != null));
  }

  /** The keys of every ConfigOption constant of {@link #OPTION_CLASSES}: current keys only, not deprecated ones. */
  private static Set<String> knownKeys() {
    Set<String> keys = new HashSet<>();
    for (Class<?> type : OPTION_CLASSES) {
      for (Field field : type.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
          try {
            keys.add(((ConfigOption<?>) field.get(null)).key());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return keys;
  }
}
