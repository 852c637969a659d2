package io.secumon.api.page;

import io.secumon.api.problem.ApiProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The sort key of the last item of a page, as an opaque string (base64url). Opaque on
 * purpose: clients must not build cursors, so the sort key can change without breaking them.
 *
 * @param parts the sort key's values, in sort order
 */
public record Cursor(List<String> parts) {

    /** A version byte lets a later key layout reject today's cursors cleanly. */
    private static final int VERSION = 1;

    public Cursor {
        parts = List.copyOf(parts);
    }

    public static Cursor of(String... parts) {
        return new Cursor(List.of(parts));
    }

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(parts.size());
            for (String part : parts) {
                out.writeUTF(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: does not happen
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /**
     * Decodes a cursor this api issued.
     *
     * @throws ApiProblem 400 {@code bad-cursor} for anything else
     */
    public static Cursor decode(String text) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
            if (in.readUnsignedByte() != VERSION) {
                throw badCursor(text);
            }
            int count = in.readUnsignedByte();
            List<String> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(in.readUTF());
            }
            if (in.read() != -1) {
                throw badCursor(text);
            }
            return new Cursor(parts);
        } catch (IOException | IllegalArgumentException e) {
            throw badCursor(text);
        }
    }

    /** The {@code index}th part, checked by the caller's {@code parse}; a bad one means a forged cursor. */
    public <T> T part(int index, Function<String, T> parse) {
        try {
            if (index >= parts.size()) {
                throw new IllegalArgumentException("missing part");
            }
            return parse.apply(parts.get(index));
        } catch (RuntimeException e) {
            throw badCursor(encode());
        }
    }

    static String shortened(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static ApiProblem badCursor(String text) {
        return ApiProblem.badRequest("bad-cursor", "cursor '" + shortened(text)
                + "' was not issued by this api; use the next_cursor of a previous page");
    }
}
