package org.emoscope.model;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A streaming look at untrusted JSON before anything builds a tree or objects from it: how deeply it nests and how
 * long its arrays are. Deep nesting would overflow the stack of a recursive reader (a StackOverflowError, not a
 * message), and one long array becomes one big allocation; both are refused here in constant memory.
 */
final class JsonLimits {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLimits() {
    }

    /**
     * What is wrong with {@code json}'s shape, or null if it nests at most {@code maxDepth} deep and no array holds
     * more than {@code maxArray} values. Malformed JSON also gives null: the real reader reports it with its position.
     */
    static String problem(byte[] json, int maxDepth, int maxArray) {
        boolean[] isArray = new boolean[maxDepth + 2];
        int[] counts = new int[maxDepth + 2];
        int depth = 0;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
                    depth--;
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) continue;
                if (depth > 0 && isArray[depth] && ++counts[depth] > maxArray)
                    return "an array holds more than " + maxArray + " values";
                if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                    if (++depth > maxDepth) return "it nests more than " + maxDepth + " levels deep";
                    isArray[depth] = token == JsonToken.START_ARRAY;
                    counts[depth] = 0;
                }
            }
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("reading an array in memory cannot fail", e);
        }
        return null;
    }
}
