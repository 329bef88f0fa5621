package dev.hyperopt.engine.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hyperopt.engine.store.StoreException;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How trials are written into columns. An assignment is a BLOB of big-endian IEEE-754
 * doubles, one per hyperparameter index (NaN = inactive, a choice as its option index):
 * compact and exact, NaN included. Labels, configuration and attachments are JSON text,
 * readable with any SQL client; non-finite numbers are written as the bare words
 * {@code NaN} and {@code Infinity} and read back as numbers.
 */
final class Codec {
    private Codec() {}

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    static byte[] values(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) b.putDouble(v);
        return b.array();
    }

    static double[] values(byte[] bytes) {
        if (bytes == null) return new double[0];
        if (bytes.length % Double.BYTES != 0) throw new StoreException("a stored assignment is damaged (" + bytes.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[] out = new double[bytes.length / Double.BYTES];
        for (int i = 0; i < out.length; i++) out[i] = b.getDouble();
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot store a value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Object read(String json) {
        if (json == null) return null;
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON value is damaged: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        Object o = read(json);
        if (o == null) return new LinkedHashMap<>();
        if (!(o instanceof Map<?, ?>)) throw new StoreException("a stored JSON object is damaged: " + json);
        return (Map<String, Object>) o;
    }

    static Map<String, String> strings(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(json).entrySet()) out.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()));
        return out;
    }
}
