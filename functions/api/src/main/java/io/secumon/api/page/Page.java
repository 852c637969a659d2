package io.secumon.api.page;

import java.util.List;

/**
 * One page of a list: {@code {"items": [...], "next_cursor": "..."|null}}. A null cursor
 * means this is the last page; otherwise pass it back as {@code ?cursor=} for the next.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
