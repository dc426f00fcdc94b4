package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.streamjobs.monitor.web.internal.RecentAlerts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows live: new scores and alerts as they are committed to {@code gmn.scores}
 * and {@code gmn.alerts}, and the most recent alerts.
 *
 * <p>One consumer without a consumer group reads every partition of both topics
 * ({@code read_committed}): each dashboard instance sees every record, and nothing is committed,
 * because this is a view, not a processor. At start it reads each alerts partition from its last
 * {@code recentAlerts} records (so the alert list is not empty after a restart) and the scores from
 * their end (past scores are in the run monitor's stores). A record it cannot decode is logged and
 * skipped. Partitions added after the start are not read until a restart.
 *
 * <p>Create, {@link #subscribe}, {@link #start}, {@link #close}. Thread-safe.
 */
public final class LiveFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  /** Where the feed stands; only {@link #LIVE} delivers records. */
  public enum State { NEW, STARTING, LIVE, FAILED, CLOSED }

  public static final String DEFAULT_CLIENT_ID = "gmn-dashboard-feed";

  /** Consumer properties the feed sets itself, with the reason. */
  static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.of(
      ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "the bootstrapServers argument",
      ConsumerConfig.GROUP_ID_CONFIG, "the feed reads without a consumer group",
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "the feed commits nothing",
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, "always read_committed",
      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "raw bytes, decoded by the feed",
      ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "raw bytes, decoded by the feed",
      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest: a live view skips what retention deleted");

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<GmnScore> scoreReader;
  private final Deserializer<RunAlert> alertReader;
  private final Optional<SchemaRegistryClient> ownedRegistry;
  private final RecentAlerts recentAlerts;
  private final List<LiveFeedListener> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch positioned = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private volatile State state = State.NEW;
  private volatile boolean closing;
  private Thread thread;
  private String scoresTopic = Topics.SCORES.name();
  private String alertsTopic = Topics.ALERTS.name();

  /**
   * Decodes through the schema registry at {@code registry}, with a client this feed owns.
   *
   * @param kafkaProperties consumer properties passed through, e.g. {@code security.protocol},
   *     {@code sasl.*}, {@code ssl.*}; those in {@link #RESERVED_KAFKA_PROPERTIES} are refused
   * @param recentAlerts how many alerts to remember, and to read back per partition at start
   */
  public LiveFeed(String bootstrapServers, Map<String, String> kafkaProperties, RegistryClientConfig registry,
                  int recentAlerts) {
    // Arguments evaluate in order: the properties are validated before a registry client is opened.
    this(consumerProperties(bootstrapServers, kafkaProperties), SchemaRegistryClient.connect(registry),
        recentAlerts);
  }

  /**
   * Decodes with the given deserializers, which the feed closes (as a KafkaConsumer closes its own).
   *
   * @see #LiveFeed(String, Map, RegistryClientConfig, int)
   */
  public LiveFeed(String bootstrapServers, Map<String, String> kafkaProperties, Deserializer<GmnScore> scoreReader,
                  Deserializer<RunAlert> alertReader, int recentAlerts) {
    this(consumerProperties(bootstrapServers, kafkaProperties), scoreReader, alertReader, Optional.empty(),
        recentAlerts);
  }

  private LiveFeed(Map<String, Object> consumerProperties, SchemaRegistryClient registry, int recentAlerts) {
    this(consumerProperties, new AvroDeserializer<>(GmnScore.class, registry),
        new AvroDeserializer<>(RunAlert.class, registry), Optional.of(registry), recentAlerts);
  }

  private LiveFeed(Map<String, Object> consumerProperties, Deserializer<GmnScore> scoreReader,
                   Deserializer<RunAlert> alertReader, Optional<SchemaRegistryClient> ownedRegistry,
                   int recentAlerts) {
    this.scoreReader = Objects.requireNonNull(scoreReader, "scoreReader");
    this.alertReader = Objects.requireNonNull(alertReader, "alertReader");
    this.ownedRegistry = ownedRegistry;
    try {
      this.recentAlerts = new RecentAlerts(recentAlerts);
      this.consumer = new KafkaConsumer<>(consumerProperties);
    } catch (RuntimeException e) {
      ownedRegistry.ifPresent(SchemaRegistryClient::close);
      throw e;
    }
  }

  /**
   * Adds a listener for the records read from now on; closing the returned handle removes it.
   * Subscribe before {@link #start} to miss nothing.
   */
  public AutoCloseable subscribe(LiveFeedListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Reads these topics instead of gmn.scores and gmn.alerts, as a monitor configured with other topic
   * names does; call before {@link #start}.
   */
  public LiveFeed readingTopics(String scores, String alerts) {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("choose the live feed's topics before starting it (state " + state + ")");
      }
      this.scoresTopic = Objects.requireNonNull(scores, "scores");
      this.alertsTopic = Objects.requireNonNull(alerts, "alerts");
      return this;
    }
  }

  /** Starts reading on the feed's own thread and returns at once; see {@link #awaitLive}. */
  public void start() {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("the live feed was already started (state " + state + ")");
      }
      state = State.STARTING;
      thread = new Thread(this::run, "gmn-dashboard-feed");
      thread.setDaemon(true); // a view must never keep the JVM alive
      thread.start();
    }
  }

  /**
   * Waits until the feed has taken its start positions: every record committed after that is
   * delivered. Returns whether it is {@link State#LIVE}, false on timeout or failure.
   */
  public boolean awaitLive(Duration timeout) throws InterruptedException {
    positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return state == State.LIVE;
  }

  public State state() {
    return state;
  }

  /** At most {@code limit} of the most recent alerts, newest first, each in its latest status. */
  public List<RunAlert> recentAlerts(int limit) {
    return recentAlerts.newest(limit);
  }

  /** How many alerts {@link #recentAlerts} can return at most. */
  public int recentAlertsCapacity() {
    return recentAlerts.capacity();
  }

  /** Stops the thread and closes the consumer, the deserializers and an owned registry client. */
  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      if (closing) {
        return;
      }
      closing = true;
      running = thread;
    }
    if (running == null) {
      closeResources();
    } else {
      consumer.wakeup();
      try {
        running.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (running.isAlive()) {
        LOG.warn("The live feed thread did not stop within {}; it will exit with the JVM", CLOSE_TIMEOUT);
      }
    }
    state = State.CLOSED;
  }

  private void run() {
    try {
      if (!takeStartPositionsWhenReachable()) {
        return; // closed before Kafka could be reached
      }
      state = State.LIVE;
      positioned.countDown();
      while (!closing) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          dispatch(record);
        }
      }
    } catch (WakeupException e) {
      if (!closing) {
        fail(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      positioned.countDown();
      closeResources();
    }
  }

  private void fail(Exception e) {
    state = State.FAILED;
    LOG.error("The dashboard's live feed stopped: the page gets no more live updates until the monitor "
        + "restarts", e);
  }

  /** Whether the positions were taken; false when the feed was closed first. */
  private boolean takeStartPositionsWhenReachable() throws InterruptedException {
    while (!closing) {
      try {
        takeStartPositions();
        return true;
      } catch (TimeoutException e) {
        LOG.warn("The dashboard's live feed cannot reach Kafka yet ({}); retrying", e.getMessage());
      }
    }
    return false;
  }

  private void takeStartPositions() throws InterruptedException {
    List<TopicPartition> scorePartitions = awaitPartitions(scoresTopic);
    List<TopicPartition> alertPartitions = awaitPartitions(alertsTopic);
    List<TopicPartition> all = new ArrayList<>(scorePartitions);
    all.addAll(alertPartitions);
    consumer.assign(all);
    consumer.seekToEnd(scorePartitions);
    Map<TopicPartition, Long> alertEnds = consumer.endOffsets(alertPartitions);
    Map<TopicPartition, Long> alertStarts = consumer.beginningOffsets(alertPartitions);
    int backlog = recentAlerts.capacity();
    for (TopicPartition partition : alertPartitions) {
      consumer.seek(partition, Math.max(alertStarts.get(partition), alertEnds.get(partition) - backlog));
    }
    // seekToEnd is lazy: resolve the positions now, so that "live" means later records are seen.
    scorePartitions.forEach(consumer::position);
    LOG.info("Dashboard live feed reading {} score and {} alert partitions", scorePartitions.size(),
        alertPartitions.size());
  }

  /** The topic's partitions, waiting while it does not exist yet (the monitor may start first). */
  private List<TopicPartition> awaitPartitions(String topic) throws InterruptedException {
    boolean warned = false;
    while (!closing) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      if (!warned) {
        LOG.warn("Topic {} does not exist yet; the dashboard's live feed waits for it", topic);
        warned = true;
      }
      Thread.sleep(TOPIC_WAIT.toMillis());
    }
    throw new WakeupException(); // closed while waiting: leave the way close() does
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone carries nothing to show
    }
    if (record.topic().equals(scoresTopic)) {
      decode(scoreReader, record).ifPresent(score -> notifyListeners(record, l -> l.onScore(score)));
    } else {
      decode(alertReader, record).ifPresent(alert -> {
        recentAlerts.add(alert);
        notifyListeners(record, l -> l.onAlert(alert));
      });
    }
  }

  private static <T> Optional<T> decode(Deserializer<T> reader, ConsumerRecord<byte[], byte[]> record) {
    try {
      return Optional.ofNullable(reader.deserialize(record.topic(), record.value()));
    } catch (RuntimeException e) {
      // Undecodable bytes or a registry outage: the view skips the record, the processors deal with it.
      LOG.warn("Dashboard skips record {}-{}@{} that it cannot decode: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
      return Optional.empty();
    }
  }

  private void notifyListeners(ConsumerRecord<?, ?> record, Consumer<LiveFeedListener> call) {
    for (LiveFeedListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.error("Dashboard listener {} failed on record {}-{}@{}", listener, record.topic(), record.partition(),
            record.offset(), e);
      }
    }
  }

  private void closeResources() {
    closeLogged("consumer", consumer);
    closeLogged("score deserializer", scoreReader);
    closeLogged("alert deserializer", alertReader);
    ownedRegistry.ifPresent(registry -> closeLogged("registry client", registry));
  }

  private static void closeLogged(String what, AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("Closing the live feed's {} failed", what, e);
    }
  }

  private static Map<String, Object> consumerProperties(String bootstrapServers, Map<String, String> passthrough) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank: host:port[,host:port...]");
    }
    Objects.requireNonNull(passthrough, "kafkaProperties");
    Set<String> refused = new TreeSet<>(passthrough.keySet());
    refused.retainAll(RESERVED_KAFKA_PROPERTIES.keySet());
    if (!refused.isEmpty()) {
      String first = refused.iterator().next();
      throw new IllegalArgumentException("kafkaProperties must not set " + refused + ": the live feed sets them ("
          + first + ": " + RESERVED_KAFKA_PROPERTIES.get(first) + ")");
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, DEFAULT_CLIENT_ID);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // never create topics with wrong configs
    props.putAll(passthrough);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return props;
  }
}
