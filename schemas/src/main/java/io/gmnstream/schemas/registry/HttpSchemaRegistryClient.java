package io.gmnstream.schemas.registry;

import io.gmnstream.schemas.compat.CompatibilityResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry REST client over {@link HttpClient}. Retries connection errors, 5xx
 * and 429 with exponential backoff, failing over across the configured URLs; 4xx answers are
 * final. Does not cache: wrap it in {@link CachingSchemaRegistryClient} (as
 * {@link SchemaRegistryClient#connect} does).
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
          + "application/json";

  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

  /** One API call: what it is for (for error messages) and what to send. */
  private record Call(String operation, String subject, Integer schemaId, String method,
      String path, String body) {}

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final RegistryJson json = new RegistryJson();
  private final Backoff backoff;
  private final Optional<String> authorization;

  public HttpSchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    this.backoff = new Backoff(config.retryBackoff(), config.retryBackoffMax());
    this.authorization = basicAuthHeader(config);
    HttpClient.Builder builder = HttpClient.newBuilder()
        // Registries speak HTTP/1.1; an h2c upgrade attempt only confuses simple servers.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    config.trustStorePath().ifPresent(path -> builder.sslContext(SslContexts.trusting(path,
        config.trustStorePassword().map(String::toCharArray).orElse(null),
        config.trustStoreType())));
    this.http = builder.build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Call call = new Call("register", subject, null, "POST", RegistryPaths.register(subject),
        json.schemaRequest(schema));
    String body = execute(call);
    try {
      return json.id(body);
    } catch (RegistryJson.MalformedResponseException e) {
      throw malformed(call, e);
    }
  }

  @Override
  public Schema schemaById(int id) {
    Call call = new Call("schema lookup", null, id, "GET", RegistryPaths.schemaById(id), null);
    String body = execute(call);
    try {
      return json.schema(body);
    } catch (RegistryJson.MalformedResponseException e) {
      throw malformed(call, e);
    }
  }

  @Override
  public RegisteredSchema latest(String subject) {
    Call call = new Call("latest version lookup", subject, null, "GET",
        RegistryPaths.latest(subject), null);
    String body = execute(call);
    try {
      return json.registered(body);
    } catch (RegistryJson.MalformedResponseException e) {
      throw malformed(call, e);
    }
  }

  @Override
  public Optional<RegisteredSchema> find(String subject, Schema schema) {
    Call call = new Call("schema check", subject, null, "POST", RegistryPaths.lookup(subject),
        json.schemaRequest(schema));
    String body;
    try {
      body = execute(call);
    } catch (SchemaRegistryException e) {
      RegistryErrorCode code = e.code();
      if (code == RegistryErrorCode.SUBJECT_NOT_FOUND
          || code == RegistryErrorCode.SCHEMA_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    try {
      return Optional.of(json.registered(body));
    } catch (RegistryJson.MalformedResponseException e) {
      throw malformed(call, e);
    }
  }

  @Override
  public CompatibilityResult checkCompatibility(String subject, Schema schema) {
    Call call = new Call("compatibility check", subject, null, "POST",
        RegistryPaths.compatibility(subject), json.schemaRequest(schema));
    String body = execute(call);
    try {
      return json.compatibility(body);
    } catch (RegistryJson.MalformedResponseException e) {
      throw malformed(call, e);
    }
  }

  /** Java 17's HttpClient holds no resources that need closing. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient" + config.urls();
  }

  /** Sends the call, retrying what may succeed later; returns the 2xx body. */
  private String execute(Call call) {
    List<URI> urls = config.urls();
    int attempts = config.maxRetries() + 1;
    for (int attempt = 0; ; attempt++) {
      URI base = urls.get(attempt % urls.size());
      SchemaRegistryException failure;
      try {
        HttpResponse<String> response = http.send(request(base, call),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return response.body();
        }
        RegistryJson.ErrorBody error = json.error(response.body(), status);
        failure = new SchemaRegistryException(call.operation(), call.subject(), call.schemaId(),
            status, error.errorCode(), error.message(), null);
      } catch (IOException e) {
        failure = new SchemaRegistryException(call.operation(), call.subject(), call.schemaId(),
            SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_ERROR_CODE,
            base + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(call.operation(), call.subject(), call.schemaId(),
            SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_ERROR_CODE,
            "interrupted while calling " + base, e);
      }
      if (!failure.isRetriable() || attempt + 1 >= attempts) {
        throw failure;
      }
      Duration delay = backoff.delayBeforeRetry(attempt + 1);
      LOG.warn("Retrying schema registry {} in {} ms (attempt {} of {}): {}",
          call.operation(), delay.toMillis(), attempt + 2, attempts, failure.getMessage());
      sleep(delay, call);
    }
  }

  private HttpRequest request(URI base, Call call) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(RegistryPaths.resolve(base, call.path()))
        .timeout(config.requestTimeout())
        .header("Accept", ACCEPT);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (call.body() == null) {
      builder.GET();
    } else {
      builder.header("Content-Type", CONTENT_TYPE)
          .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(),
              StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static void sleep(Duration delay, Call call) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(call.operation(), call.subject(), call.schemaId(),
          SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_ERROR_CODE,
          "interrupted while waiting to retry", e);
    }
  }

  private static SchemaRegistryException malformed(Call call,
      RegistryJson.MalformedResponseException e) {
    return new SchemaRegistryException(call.operation(), call.subject(), call.schemaId(), 200,
        SchemaRegistryException.NO_ERROR_CODE, "unexpected response: " + e.getMessage(), e);
  }

  static Optional<String> basicAuthHeader(RegistryClientConfig config) {
    return config.basicAuthUser().map(user -> "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + config.basicAuthPassword().orElse("")).getBytes(StandardCharsets.UTF_8)));
  }
}
