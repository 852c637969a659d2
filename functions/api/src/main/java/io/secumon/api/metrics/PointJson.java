package io.secumon.api.metrics;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a {@link Point} as {@code {"timestamp":"...","value":n,"min":n,"max":n}} (min and max
 * only for buckets), the same JSON the bean serializer wrote, without its per-property
 * reflection and with {@link InstantText}: range responses are thousands of points, and
 * writing them was the largest share of the api's CPU.
 */
final class PointJson extends ValueSerializer<Point> {

    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString MIN = new SerializedString("min");
    private static final SerializableString MAX = new SerializedString("max");

    // One buffer per thread: serializers are shared, and event-loop threads are few.
    private static final ThreadLocal<char[]> TIME = ThreadLocal.withInitial(() -> new char[InstantText.MAX_LENGTH]);

    @Override
    public void serialize(Point point, JsonGenerator json, SerializationContext context) {
        json.writeStartObject(point);
        json.writeName(TIMESTAMP);
        char[] time = TIME.get();
        int length = InstantText.write(point.timestamp(), time);
        if (length < 0) {
            json.writeString(point.timestamp().toString());
        } else {
            json.writeString(time, 0, length);
        }
        json.writeName(VALUE);
        json.writeNumber(point.value());
        if (point.min() != null) {
            json.writeName(MIN);
            json.writeNumber(point.min());
        }
        if (point.max() != null) {
            json.writeName(MAX);
            json.writeNumber(point.max());
        }
        json.writeEndObject();
    }
}
