package io.gmnstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.gmnstream.launcher.run.LauncherConfigs;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.streamjobs.monitor.service.MonitorServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scorer (gmn-operator) and the run monitor: each runs `gmn-stream run SERVICE --config` on a
 * mounted ConfigMap that the launcher accepts with the pod's environment, and its probes, Service,
 * and Prometheus annotations use the port that config makes the service listen on.
 */
class ServiceWorkloadsTest {

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void operatorConfigIsValidAndItsPortIsProbedScrapedAndServed(Overlay overlay) {
    StatefulSet set = overlay.named(StatefulSet.class, "gmn-operator");
    PodTemplateSpec pod = set.getSpec().getTemplate();
    Container container = container(pod, "operator");
    MountedConfig config = MountedConfig.of(overlay, pod.getSpec(), container);
    // Every ${NAME} it refers to is set by the pod: everyMountedRunConfigHasEveryVariableItRefersToSetByItsPod.
    ScoringServiceConfig operator = LauncherConfigs.operator(config.text(), PodEnvironment.standIns(container),
        Path.of("target"));
    int port = operator.httpPort();
    assertThat(port).isPositive();
    assertThat(operator.httpBindAddress()).isEqualTo("0.0.0.0");
    // Unique and stable per pod: the StatefulSet's pod name (see operator.yaml).
    assertThat(config.text()).contains("transactionalId: ${POD_NAME}");
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("POD_NAME");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });

    assertServesOn(overlay, pod, container, port, set.getSpec().getServiceName());
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void monitorConfigIsValidAndItsDashboardPortIsProbedScrapedAndServed(Overlay overlay) {
    Deployment deployment = overlay.named(Deployment.class, "gmn-monitor");
    PodTemplateSpec pod = deployment.getSpec().getTemplate();
    Container container = container(pod, "monitor");
    MountedConfig config = MountedConfig.of(overlay, pod.getSpec(), container);
    // Every ${NAME} it refers to is set by the pod: everyMountedRunConfigHasEveryVariableItRefersToSetByItsPod.
    MonitorServiceConfig monitor = LauncherConfigs.monitor(config.text(), PodEnvironment.standIns(container));
    assertThat(monitor.dashboard().bindAddress()).isEqualTo("0.0.0.0");
    assertThat(monitor.hooks()).isPresent();
    // advertisedHost must be this pod's IP, from the downward API.
    assertThat(monitor.advertisedHost()).isEqualTo(PodEnvironment.standIns(container).get("POD_IP"));
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("POD_IP");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
    });

    assertServesOn(overlay, pod, container, monitor.dashboard().port(), "gmn-monitor");
  }

  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyContainerHasATaggedImageAndRequestsAndLimits(Overlay overlay) {
    Stream<PodTemplateSpec> pods = overlay.podTemplates().values().stream();
    pods.flatMap(p -> Stream.concat(p.getSpec().getInitContainers().stream(), p.getSpec().getContainers().stream()))
        .forEach(c -> {
          String image = c.getImage();
          // A release tag, never an implicit or explicit :latest: rollouts must be reproducible.
          assertThat(image.lastIndexOf(':')).as(image).isGreaterThan(image.lastIndexOf('/'));
          assertThat(image.substring(image.lastIndexOf(':') + 1)).as(image).matches("\\d[\\w.-]*");
          Map<String, Quantity> requests = c.getResources().getRequests();
          Map<String, Quantity> limits = c.getResources().getLimits();
          assertThat(requests).as(c.getName() + " requests").containsKeys("cpu", "memory");
          assertThat(limits).as(c.getName() + " limits").containsKeys("cpu", "memory");
          // Memory: request = limit for the JVM services would be ideal; at least never above it.
          assertThat(Quantity.getAmountInBytes(requests.get("memory")))
              .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
        });
  }

  /**
   * Every container that starts with {@code --config FILE} (services and the trainer CronJob alike)
   * finds that file in a mounted ConfigMap, and its pod sets every {@code ${NAME}} the file refers
   * to: the launcher resolves them all when it reads the file, whichever sections the command uses.
   */
  @ParameterizedTest
  @EnumSource(Overlay.class)
  void everyMountedRunConfigHasEveryVariableItRefersToSetByItsPod(Overlay overlay) {
    List<String> checked = new ArrayList<>();
    overlay.podTemplates().forEach((workload, pod) -> {
      for (Container container : pod.getSpec().getContainers()) {
        if (!container.getArgs().contains("--config")) {
          continue;
        }
        MountedConfig config = MountedConfig.of(overlay, pod.getSpec(), container);
        assertThat(PodEnvironment.standIns(container)).as(workload + " " + container.getName() + " reading "
                + config.configMap() + "/" + config.key())
            .containsKeys(PodEnvironment.references(config.text()).toArray(String[]::new));
        checked.add(workload);
      }
    });
    assertThat(checked).contains("StatefulSet/gmn-operator", "Deployment/gmn-monitor");
    if (overlay == Overlay.PRODUCTION) {
      assertThat(checked).contains("CronJob/gmn-trainer");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Overlay.class, names = {"BASE", "DEV"})
  void withoutTheGpuPoolTheScorerAsksForNoGpu(Overlay overlay) {
    Container container = container(overlay.named(StatefulSet.class, "gmn-operator").getSpec().getTemplate(), "operator");
    assertThat(container.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(container.getImage()).doesNotContain("gpu");
  }

  @org.junit.jupiter.api.Test
  void inProductionTheScorerRunsTheGpuImageOnTheGpuPool() {
    PodTemplateSpec pod = Overlay.PRODUCTION.named(StatefulSet.class, "gmn-operator").getSpec().getTemplate();
    Container container = container(pod, "operator");
    assertThat(container.getImage()).contains("/operator-gpu:");
    assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(container.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(pod.getSpec().getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
    assertThat(pod.getSpec().getNodeSelector()).containsKey("nvidia.com/gpu.present");
    assertThat(pod.getSpec().getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo("models");
      assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("gmn-models");
      assertThat(v.getEmptyDir()).isNull();
    });
    assertThat(Overlay.PRODUCTION.named(Deployment.class, "gmn-monitor").getSpec().getReplicas()).isEqualTo(3);
  }

  /** Probes on /healthz, the Prometheus annotations and the Service all point at {@code port}. */
  private static void assertServesOn(Overlay overlay, PodTemplateSpec pod, Container container, int port,
      String serviceName) {
    ContainerPort declared = container.getPorts().stream().filter(p -> p.getContainerPort() == port).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " declares no container port " + port));
    for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
      assertThat(probe).as(container.getName() + " probes").isNotNull();
      HTTPGetAction get = probe.getHttpGet();
      assertThat(get.getPath()).isEqualTo("/healthz");
      assertThat(resolves(get.getPort().getStrVal(), get.getPort().getIntVal(), declared)).isTrue();
    }
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", Integer.toString(port))
        .containsEntry("prometheus.io/path", "/metrics");

    Service service = overlay.named(Service.class, serviceName);
    assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
    ServicePort servicePort = service.getSpec().getPorts().get(0);
    assertThat(servicePort.getPort()).isEqualTo(port);
    assertThat(resolves(servicePort.getTargetPort().getStrVal(), servicePort.getTargetPort().getIntVal(), declared))
        .isTrue();
  }

  /** Whether a port given by name or number is {@code declared}. */
  private static boolean resolves(String name, Integer number, ContainerPort declared) {
    return name != null ? name.equals(declared.getName()) : number.equals(declared.getContainerPort());
  }

  static Container container(PodTemplateSpec pod, String name) {
    return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }
}
