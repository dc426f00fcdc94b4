package io.gmnstream.paramgraph.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.spec.LayerSpec.PoolKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the {@code gmn-layers/1} JSON spec. Parsing is strict: unknown fields, unknown
 * ops, wrong types and inconsistent layers are refused with an error naming the layer and field.
 */
public final class NetworkSpecJson {
    public static final Set<String> OPS = Set.of("linear", "conv", "batch_norm", "layer_norm", "group_norm",
            "instance_norm", "attention", "embedding", "add", "activation", "max_pool", "avg_pool",
            "global_avg_pool", "global_max_pool", "flatten", "dropout", "identity");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private NetworkSpecJson() {
    }

    public static NetworkSpec parse(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    public static NetworkSpec parse(InputStream json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the layer spec", e);
        }
    }

    public static String toJson(NetworkSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", spec.format());
        ObjectNode input = root.putObject("input");
        ints(input.putArray("shape"), spec.input().shape());
        input.put("layout", spec.input().layout().wireName());
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec layer : spec.layers()) {
            layers.add(layerToTree(layer));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a spec tree always serialises", e);
        }
    }

    private static MalformedInputException malformed(JsonProcessingException e) {
        long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
        return new MalformedInputException(at, "layer spec is not valid JSON: " + e.getOriginalMessage(), e);
    }

    private static NetworkSpec fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException(null, null, "the spec must be a JSON object with format, input and layers");
        }
        Fields top = new Fields(null, root);
        String format = top.reqString("format");
        Fields in = new Fields(null, top.reqObject("input"), "input.");
        List<Integer> shape = in.reqInts("shape");
        String layoutName = in.reqString("layout");
        InputLayout layout = InputLayout.fromWireName(layoutName);
        if (layout == null) {
            throw new InvalidSpecException(null, "input.layout", "unknown layout '" + layoutName
                    + "'; use features, channels_first, sequence or tokens");
        }
        in.rejectUnknown();
        JsonNode layersNode = top.req("layers");
        if (!layersNode.isArray()) {
            throw new InvalidSpecException(null, "layers", "must be an array of layer objects");
        }
        top.rejectUnknown();
        List<LayerSpec> layers = new ArrayList<>();
        for (JsonNode node : layersNode) {
            layers.add(layerFromTree(node, layers.size()));
        }
        return new NetworkSpec(format, new InputSpec(shape, layout), layers);
    }

    private static LayerSpec layerFromTree(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new InvalidSpecException(null, "layers[" + index + "]", "each layer must be a JSON object");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new InvalidSpecException(null, "layers[" + index + "].name", "every layer needs a string name");
        }
        String name = nameNode.asText();
        Fields f = new Fields(name, node);
        f.reqString("name");
        String op = f.reqString("op");
        List<String> inputs = f.optStrings("inputs");
        Map<String, String> params = f.optStringMap("params");
        LayerSpec layer = switch (op) {
            case "linear" -> new LayerSpec.Linear(name, inputs, params, f.reqInt("inFeatures"), f.reqInt("outFeatures"),
                    f.optBool("bias", true), f.optBool("transposedWeight", false));
            case "conv" -> new LayerSpec.Conv(name, inputs, params, f.reqInt("inChannels"), f.reqInt("outChannels"),
                    f.reqInts("kernel"), f.optInts("stride"), f.optInts("padding"), f.optInts("dilation"),
                    f.optInt("groups", 1), f.optBool("bias", true));
            case "batch_norm" -> new LayerSpec.BatchNorm(name, inputs, params, f.reqInt("numFeatures"), f.optBool("affine", true));
            case "layer_norm" -> new LayerSpec.LayerNorm(name, inputs, params, f.reqInts("normalizedShape"),
                    f.optBool("affine", true), f.optBool("bias", true));
            case "group_norm" -> new LayerSpec.GroupNorm(name, inputs, params, f.reqInt("numGroups"), f.reqInt("numChannels"),
                    f.optBool("affine", true));
            case "instance_norm" -> new LayerSpec.InstanceNorm(name, inputs, params, f.reqInt("numFeatures"), f.optBool("affine", false));
            case "attention" -> new LayerSpec.Attention(name, inputs, params, f.reqInt("embedDim"), f.reqInt("numHeads"),
                    f.optBool("bias", true), f.optBool("packedProjection", true), f.optBool("transposedWeight", false),
                    f.optBool("transposedOutProjection", false));
            case "embedding" -> new LayerSpec.Embedding(name, inputs, params, f.reqInt("numEmbeddings"), f.reqInt("embeddingDim"));
            case "add" -> new LayerSpec.Add(name, noParams(f, params, inputs));
            case "activation" -> new LayerSpec.Activation(name, noParams(f, params, inputs), f.reqString("fn"));
            case "max_pool", "avg_pool" -> new LayerSpec.Pool(name, noParams(f, params, inputs),
                    op.equals("max_pool") ? PoolKind.MAX : PoolKind.AVG, f.reqInts("kernel"), f.optInts("stride"), f.optInts("padding"));
            case "global_avg_pool" -> new LayerSpec.GlobalPool(name, noParams(f, params, inputs), PoolKind.AVG);
            case "global_max_pool" -> new LayerSpec.GlobalPool(name, noParams(f, params, inputs), PoolKind.MAX);
            case "flatten" -> new LayerSpec.Flatten(name, noParams(f, params, inputs));
            case "dropout" -> new LayerSpec.Dropout(name, noParams(f, params, inputs));
            case "identity" -> new LayerSpec.Identity(name, noParams(f, params, inputs));
            default -> throw new UnsupportedOperatorException(name, op, "known ops: " + new TreeSet<>(OPS));
        };
        f.rejectUnknown();
        return layer;
    }

    private static List<String> noParams(Fields f, Map<String, String> params, List<String> inputs) {
        if (!params.isEmpty()) {
            throw new InvalidSpecException(f.layer, "params", "this op has no parameters");
        }
        return inputs;
    }

    private static ObjectNode layerToTree(LayerSpec layer) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", layer.name());
        n.put("op", layer.op());
        if (!layer.inputs().isEmpty()) {
            ArrayNode a = n.putArray("inputs");
            layer.inputs().forEach(a::add);
        }
        if (!layer.params().isEmpty()) {
            ObjectNode p = n.putObject("params");
            layer.params().forEach(p::put);
        }
        if (layer instanceof LayerSpec.Linear l) {
            n.put("inFeatures", l.inFeatures()).put("outFeatures", l.outFeatures()).put("bias", l.bias())
                    .put("transposedWeight", l.transposedWeight());
        } else if (layer instanceof LayerSpec.Conv c) {
            n.put("inChannels", c.inChannels()).put("outChannels", c.outChannels());
            ints(n.putArray("kernel"), c.kernel());
            ints(n.putArray("stride"), c.stride());
            ints(n.putArray("padding"), c.padding());
            ints(n.putArray("dilation"), c.dilation());
            n.put("groups", c.groups()).put("bias", c.bias());
        } else if (layer instanceof LayerSpec.BatchNorm b) {
            n.put("numFeatures", b.numFeatures()).put("affine", b.affine());
        } else if (layer instanceof LayerSpec.LayerNorm l) {
            ints(n.putArray("normalizedShape"), l.normalizedShape());
            n.put("affine", l.affine()).put("bias", l.bias());
        } else if (layer instanceof LayerSpec.GroupNorm g) {
            n.put("numGroups", g.numGroups()).put("numChannels", g.numChannels()).put("affine", g.affine());
        } else if (layer instanceof LayerSpec.InstanceNorm i) {
            n.put("numFeatures", i.numFeatures()).put("affine", i.affine());
        } else if (layer instanceof LayerSpec.Attention a) {
            n.put("embedDim", a.embedDim()).put("numHeads", a.numHeads()).put("bias", a.bias())
                    .put("packedProjection", a.packedProjection()).put("transposedWeight", a.transposedWeight())
                    .put("transposedOutProjection", a.transposedOutProjection());
        } else if (layer instanceof LayerSpec.Embedding e) {
            n.put("numEmbeddings", e.numEmbeddings()).put("embeddingDim", e.embeddingDim());
        } else if (layer instanceof LayerSpec.Activation a) {
            n.put("fn", a.fn());
        } else if (layer instanceof LayerSpec.Pool p) {
            ints(n.putArray("kernel"), p.kernel());
            ints(n.putArray("stride"), p.stride());
            ints(n.putArray("padding"), p.padding());
        }
        // add, global pools, flatten, dropout and identity have no fields beyond name, op and inputs
        return n;
    }

    private static void ints(ArrayNode array, List<Integer> values) {
        values.forEach(array::add);
    }

    /** Typed access to one JSON object that remembers which keys were read, to refuse unknown ones. */
    private static final class Fields {
        private final String layer;
        private final JsonNode node;
        private final String prefix;
        private final Set<String> used = new java.util.HashSet<>();

        Fields(String layer, JsonNode node) {
            this(layer, node, "");
        }

        Fields(String layer, JsonNode node, String prefix) {
            this.layer = layer;
            this.node = node;
            this.prefix = prefix;
        }

        JsonNode req(String key) {
            used.add(key);
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error(key, "is required");
            }
            return v;
        }

        JsonNode opt(String key) {
            used.add(key);
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        JsonNode reqObject(String key) {
            JsonNode v = req(key);
            if (!v.isObject()) {
                throw error(key, "must be an object");
            }
            return v;
        }

        String reqString(String key) {
            JsonNode v = req(key);
            if (!v.isTextual()) {
                throw error(key, "must be a string, got " + v);
            }
            return v.asText();
        }

        int reqInt(String key) {
            return toInt(key, req(key));
        }

        int optInt(String key, int fallback) {
            JsonNode v = opt(key);
            return v == null ? fallback : toInt(key, v);
        }

        boolean optBool(String key, boolean fallback) {
            JsonNode v = opt(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(key, "must be true or false, got " + v);
            }
            return v.asBoolean();
        }

        List<Integer> reqInts(String key) {
            return toInts(key, req(key));
        }

        /** Null when absent, so the record applies its default. */
        List<Integer> optInts(String key) {
            JsonNode v = opt(key);
            return v == null ? null : toInts(key, v);
        }

        List<String> optStrings(String key) {
            JsonNode v = opt(key);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(key, "must be an array of layer names");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    throw error(key, "must hold strings, got " + s);
                }
                out.add(s.asText());
            }
            return out;
        }

        Map<String, String> optStringMap(String key) {
            JsonNode v = opt(key);
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw error(key, "must map roles to tensor names");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isTextual()) {
                    throw error(key + "." + e.getKey(), "must be a tensor name string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        void rejectUnknown() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!used.contains(key)) {
                    throw error(key, "unknown field; check the spelling against docs/PARAMETER_GRAPHS.md");
                }
            }
        }

        private int toInt(String key, JsonNode v) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(key, "must be an integer, got " + v);
            }
            return v.asInt();
        }

        /** An array of integers; a single integer is accepted as shorthand for a one-element list. */
        private List<Integer> toInts(String key, JsonNode v) {
            if (v.isIntegralNumber()) {
                return List.of(toInt(key, v));
            }
            if (!v.isArray()) {
                throw error(key, "must be an array of integers, got " + v);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode x : v) {
                out.add(toInt(key, x));
            }
            return out;
        }

        private InvalidSpecException error(String key, String problem) {
            return new InvalidSpecException(layer, prefix + key, problem);
        }
    }
}
