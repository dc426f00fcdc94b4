package io.gmnstream.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Binds a manifest to the typed model of whoever applies it: fabric8's Kubernetes model, Strimzi's
 * api module, the Flink Kubernetes Operator's api module. Jackson fails on a field the class does not
 * declare; the model classes that keep unknown fields in an additionalProperties map instead are
 * caught by {@link UnknownFields}. A kind not listed here is an error: every manifest is checked.
 */
final class TypedModels {
  /** apiVersion + "/" + kind -> model class. */
  private static final Map<String, Class<?>> CLASSES = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("v1/ServiceAccount", ServiceAccount.class),
      Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("apps/v1/StatefulSet", StatefulSet.class),
      Map.entry("batch/v1/CronJob", CronJob.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
      Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
      Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
      Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
      Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
      Map.entry("flink.apache.org/v1beta1/FlinkDeployment", FlinkDeployment.class));

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private TypedModels() {}

  static Object bind(ObjectNode manifest) {
    String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
    Class<?> modelClass = CLASSES.get(type);
    if (modelClass == null) {
      throw new IllegalArgumentException(describe(manifest) + ": no typed model for " + type);
    }
    ObjectNode tree = manifest.deepCopy();
    if (modelClass == FlinkDeployment.class) {
      // The newest operator api on Maven Central here (1.10.0) knows Flink up to v1_20; the job runs
      // Flink 2.x. FlinkDeploymentTest checks flinkVersion against the job's Flink instead.
      ((ObjectNode) tree.path("spec")).remove("flinkVersion");
    }
    Object model;
    try {
      model = STRICT.treeToValue(tree, modelClass);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(describe(manifest) + " does not fit " + modelClass.getSimpleName() + ": "
          + e.getOriginalMessage() + " at " + e.getPathReference(), e);
    } catch (Exception e) {
      throw new IllegalArgumentException(describe(manifest) + ": " + e.getMessage(), e);
    }
    List<String> unknown = UnknownFields.of(model);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(describe(manifest) + ": fields unknown to " + modelClass.getSimpleName()
          + ": " + unknown);
    }
    return model;
  }

  static String describe(ObjectNode manifest) {
    return manifest.path("kind").asText() + "/" + manifest.path("metadata").path("name").asText();
  }
}
