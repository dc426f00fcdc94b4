package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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
 * CreateContainerConfigError.
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
    return Stream.of(
        overlay.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
        overlay.all(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate().getSpec()),
        overlay.all(FlinkDeployment.class).stream().map(f -> f.getSpec().getPodTemplate().getSpec()))
        .flatMap(s -> s);
  }

  static Stream<Container> containers(Overlay overlay) {
    return pods(overlay).flatMap(p -> Stream.concat(p.getInitContainers().stream(), p.getContainers().stream()));
  }
}
