package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.gmnstream.launcher.GmnStream;
import io.gmnstream.launcher.run.LauncherConfigs;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The production overlay's gmn-trainer CronJob (issue 6, learning from run outcomes): one round of
 * {@code train --from-topic} an hour on the scorer's run config and the scorer's model volume,
 * publishing a fine-tuned model only if it beats the served one on held-out runs.
 */
class TrainerCronJobTest {
  @Test
  void runsOneFineTuningRoundAnHourOnTheServedModelAsNonRoot() {
    CronJob cron = trainer();
    CronJobSpec spec = cron.getSpec();
    assertThat(spec.getSchedule()).as("hourly").matches("[0-5]?\\d \\* \\* \\* \\*");
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid"); // two rounds would race to publish
    assertThat(spec.getStartingDeadlineSeconds()).isBetween(60L, 3600L);
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isPositive();
    assertThat(spec.getFailedJobsHistoryLimit()).isPositive();
    JobSpec job = spec.getJobTemplate().getSpec();
    assertThat(job.getBackoffLimit()).isBetween(0, 3);
    // A stuck round ends before the next one is due (Forbid would otherwise skip rounds behind it).
    assertThat(job.getActiveDeadlineSeconds()).isBetween(60L, 3599L);

    PodSpec pod = job.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isIn("Never", "OnFailure");
    Container trainer = trainerContainer();
    assertThat(trainer.getArgs()).containsExactly("train", "--from-topic", "--config", "/etc/gmn-stream/operator.yaml",
        "--model-dir", "/models/digits-gmn", "--fine-tune", "--once");
    Container scorer = ServiceWorkloadsTest.container(scorerPod(), "operator");
    assertThat(trainer.getImage()).isEqualTo(scorer.getImage()).isEqualTo("ghcr.io/gmn-stream/operator-gpu:0.1.0");
    // Trained on the CPU: no GPU asked for, so the pod needs neither the GPU pool nor its toleration.
    assertThat(trainer.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu").containsKeys("cpu", "memory");

    // /models is the claim the scorers serve from, mounted read-write: a better model is swapped in there.
    VolumeMount models = mountAt(trainer, "/models");
    assertThat(models.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    Volume volume = volume(pod, models.getName());
    assertThat(volume.getPersistentVolumeClaim()).as("volume " + volume.getName()).isNotNull();
    assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("gmn-models");
    assertThat(volume.getPersistentVolumeClaim().getReadOnly()).isNotEqualTo(Boolean.TRUE);
    assertThat(volume(scorerPod().getSpec(), mountAt(scorer, "/models").getName()).getPersistentVolumeClaim()
        .getClaimName()).isEqualTo("gmn-models");
    // Scorer pods and the trainer's pod mount it at once, on different nodes.
    assertThat(Overlay.PRODUCTION.named(PersistentVolumeClaim.class, "gmn-models").getSpec().getAccessModes())
        .contains("ReadWriteMany");

    // Non-root, as the image's USER (DockerfileTest) and the scorer: the files it writes stay readable to them.
    PodSecurityContext security = pod.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getRunAsUser()).isEqualTo(10001L).isEqualTo(scorerPod().getSpec().getSecurityContext().getRunAsUser());
    assertThat(security.getFsGroup()).isEqualTo(10001L);
    for (Container c : containers(pod)) {
      if (c.getSecurityContext() != null) {
        assertThat(c.getSecurityContext().getRunAsUser()).as(c.getName()).isNotEqualTo(0L);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).as(c.getName()).isNotEqualTo(Boolean.FALSE);
      }
    }
  }

  @Test
  void readsTheScorersRunConfigAsItsOwnKafkaUserAndTrainsTheModelTheScorerServes() {
    PodSpec pod = trainer().getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    Container trainer = trainerContainer();
    MountedConfig config = MountedConfig.of(Overlay.PRODUCTION, pod, trainer);
    Container scorer = ServiceWorkloadsTest.container(scorerPod(), "operator");
    MountedConfig scorerConfig = MountedConfig.of(Overlay.PRODUCTION, scorerPod().getSpec(), scorer);
    assertThat(config).isEqualTo(scorerConfig);
    assertThat(config.configMap()).isEqualTo("gmn-operator-config");

    Set<String> references = PodEnvironment.references(config.text());
    assertThat(references).contains("KAFKA_SASL_JAAS_CONFIG", "REGISTRY_USER", "REGISTRY_PASSWORD", "POD_NAME");
    // Each variable the file refers to comes from the same Secret key (or downward API field) as the scorer's,
    // but for the Kafka login: the trainer is its own KafkaUser.
    Map<String, EnvVar> trainerEnv = byName(trainer.getEnv());
    Map<String, EnvVar> scorerEnv = byName(scorer.getEnv());
    for (String name : references) {
      assertThat(trainerEnv).as("the trainer's env").containsKey(name);
      if (!name.equals("KAFKA_SASL_JAAS_CONFIG")) {
        assertThat(trainerEnv.get(name)).as(name).isEqualTo(scorerEnv.get(name));
      }
    }
    SecretKeySelector kafkaLogin = trainerEnv.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
    assertThat(kafkaLogin.getName()).isEqualTo("gmn-trainer");
    assertThat(kafkaLogin.getKey()).isEqualTo("sasl.jaas.config");
    assertThat(Overlay.PRODUCTION.all(KafkaUser.class)).anySatisfy(u -> {
      assertThat(u.getMetadata().getName()).isEqualTo("gmn-trainer");
      assertThat(u.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
    });
    assertThat(trainerEnv.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");

    // The launcher reads the whole file (train --from-topic uses its kafka and registry sections), with this env.
    ScoringServiceConfig read = LauncherConfigs.operator(config.text(), PodEnvironment.standIns(trainer), Path.of("target"));
    List<String> args = trainer.getArgs();
    assertThat(Path.of(args.get(args.indexOf("--model-dir") + 1))).isEqualTo(read.modelDir());
  }

  /**
   * Its args are the launcher's: picocli's own parser, the one `gmn-stream` runs, accepts them as the
   * train command (an unknown option, a missing value or a missing required option of the
   * --from-topic group would throw here).
   */
  @Test
  void itsArgsParseAsTheLaunchersTrainCommandForOneRoundFromTheMountedConfig() {
    List<String> args = trainerContainer().getArgs();
    CommandLine.ParseResult parsed = GmnStream.commandLine().parseArgs(args.toArray(String[]::new));

    CommandLine.ParseResult train = parsed.subcommand();
    assertThat(train).as("a subcommand").isNotNull();
    assertThat(train.commandSpec().name()).isEqualTo("train");
    assertThat(train.unmatched()).isEmpty();
    for (String option : List.of("--from-topic", "--config", "--model-dir", "--fine-tune", "--once")) {
      assertThat(train.hasMatchedOption(option)).as(option).isTrue();
    }
    // The cluster comes from --config; one round per Job: the CronJob is the schedule.
    for (String option : List.of("--bootstrap", "--registry", "--every")) {
      assertThat(train.hasMatchedOption(option)).as(option).isFalse();
    }
  }

  private static CronJob trainer() {
    return Overlay.PRODUCTION.named(CronJob.class, "gmn-trainer");
  }

  private static Container trainerContainer() {
    return ServiceWorkloadsTest.container(trainer().getSpec().getJobTemplate().getSpec().getTemplate(), "trainer");
  }

  private static PodTemplateSpec scorerPod() {
    return Overlay.PRODUCTION.named(StatefulSet.class, "gmn-operator").getSpec().getTemplate();
  }

  private static List<Container> containers(PodSpec pod) {
    return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
  }

  private static VolumeMount mountAt(Container container, String path) {
    return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static Map<String, EnvVar> byName(List<EnvVar> env) {
    return env.stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
  }
}
