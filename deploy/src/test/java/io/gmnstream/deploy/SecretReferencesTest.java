package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Secret a pod reads exists with the key it reads: ours (secrets.yaml), or one that Strimzi's
 * User Operator generates for a KafkaUser of that name. A wrong name or key would leave the pod in
 * CreateContainerConfigError. Likewise every PersistentVolumeClaim a pod mounts is one of the
 * overlay's (else the pod stays Pending). Pods: Deployments, StatefulSets, CronJobs, FlinkDeployments.
 */
class SecretReferencesTest {
  /** The keys of the Secret Strimzi writes for a SCRAM-SHA-512 KafkaUser. */
  private static final Set<String> KAFKA_USER_KEYS = Set.of("password", "sasl.jaas.config");

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everySecretKeyReferenceResolves(Overlay overlay) {
    List<SecretKeySelector> refs = pods(overlay)
        .flatMap(p -> Stream.concat(p.getInitContainers().stream(), p.getContainers().stream()))
        .flatMap(c -> c.getEnv().stream())
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .map(e -> e.getValueFrom().getSecretKeyRef())
        .toList();
    assertThat(refs).isNotEmpty();
    for (SecretKeySelector ref : refs) {
      assertThat(keysOf(overlay, ref.getName())).as("Secret " + ref.getName()).contains(ref.getKey());
    }
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everySecretVolumeExists(Overlay overlay) {
    pods(overlay).flatMap(p -> p.getVolumes().stream()).filter(v -> v.getSecret() != null)
        .forEach(v -> assertThat(keysOf(overlay, v.getSecret().getSecretName())).isNotEmpty());
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyVolumeClaimExistsInTheOverlay(Overlay overlay) {
    List<Volume> claims = pods(overlay).flatMap(p -> p.getVolumes().stream())
        .filter(v -> v.getPersistentVolumeClaim() != null).toList();
    for (Volume volume : claims) {
      String claim = volume.getPersistentVolumeClaim().getClaimName();
      assertThat(overlay.all(PersistentVolumeClaim.class)).as("volume " + volume.getName() + ": claim " + claim)
          .anySatisfy(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo(claim));
    }
    if (overlay == Overlay.PRODUCTION) {
      assertThat(claims).isNotEmpty(); // the model volume: a check that sees no claim checks nothing
    }
  }

  private static Set<String> keysOf(Overlay overlay, String secretName) {
    if (overlay.all(KafkaUser.class).stream().anyMatch(u -> u.getMetadata().getName().equals(secretName))) {
      return KAFKA_USER_KEYS;
    }
    Secret secret = overlay.named(Secret.class, secretName);
    Set<String> keys = new HashSet<>();
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    return keys;
  }

  static Stream<PodSpec> pods(Overlay overlay) {
    return Stream.concat(
        overlay.podTemplates().values().stream().map(PodTemplateSpec::getSpec),
        overlay.all(FlinkDeployment.class).stream().map(f -> f.getSpec().getPodTemplate().getSpec()));
  }

  static Stream<Container> containers(Overlay overlay) {
    return pods(overlay).flatMap(p -> Stream.concat(p.getInitContainers().stream(), p.getContainers().stream()));
  }
}
