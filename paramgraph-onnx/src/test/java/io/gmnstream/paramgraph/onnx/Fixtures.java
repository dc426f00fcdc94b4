package io.gmnstream.paramgraph.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The ONNX fixtures of src/test/resources/onnx and their manifest (made by export_fixtures.py). */
final class Fixtures {
    /** One manifest entry; -1 where the manifest has no value. */
    record Fixture(String file, int opset, long parameters, long residualEdges, int nodes, long edges, int sizesTableRow,
                   boolean bad) {
        byte[] bytes() {
            return read("/onnx/" + file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private Fixtures() {
    }

    static List<Fixture> all() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/onnx/fixtures.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Fixture> out = new ArrayList<>();
            for (JsonNode f : root.get("fixtures")) {
                long params = f.has("fusedParameters") ? f.get("fusedParameters").asLong() : f.path("parameters").asLong(-1);
                out.add(new Fixture(f.get("file").asText(), f.get("opset").asInt(), params, f.path("residualEdges").asLong(0),
                        f.path("nodes").asInt(-1), f.path("edges").asLong(-1), f.path("sizesTableRow").asInt(-1),
                        f.path("bad").asBoolean(false)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Fixture> good() {
        return all().stream().filter(f -> !f.bad() && !f.file().startsWith("bad_")).toList();
    }

    static Fixture named(String file) {
        return all().stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow(() -> new IllegalArgumentException(file));
    }

    static byte[] read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
