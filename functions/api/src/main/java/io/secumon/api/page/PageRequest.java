package io.secumon.api.page;

import io.secumon.api.problem.ApiProblem;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * {@code ?limit=} and {@code ?cursor=} of a list request. Lists are keyset-paginated: the
 * cursor encodes the sort key of the last item returned, so a page is an index range scan
 * however deep the client pages, and rows added meanwhile never shift later pages.
 *
 * @param limit  items per page, 1 to the configured maximum
 * @param cursor where the previous page ended, empty for the first page
 */
public record PageRequest(int limit, Optional<Cursor> cursor) {

    /** Items per page when the client does not say. */
    public static final int DEFAULT_LIMIT = 50;

    /**
     * Reads the paging parameters of {@code request}.
     *
     * @param maxLimit the largest limit allowed ({@code SECUMON_API_MAX_PAGE_SIZE})
     * @throws ApiProblem 400 {@code bad-limit}, {@code page-too-large} or {@code bad-cursor}
     */
    public static PageRequest of(ServerRequest request, int maxLimit) {
        int limit = DEFAULT_LIMIT > maxLimit ? maxLimit : DEFAULT_LIMIT;
        Optional<String> text = single(request, "limit");
        if (text.isPresent()) {
            try {
                limit = Integer.parseInt(text.get());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("bad-limit", "limit must be a whole number from 1 to " + maxLimit
                        + ", got '" + Cursor.shortened(text.get()) + "'");
            }
            if (limit < 1) {
                throw ApiProblem.badRequest("bad-limit", "limit must be at least 1, got " + limit);
            }
            if (limit > maxLimit) {
                throw ApiProblem.badRequest("page-too-large", "limit " + limit + " is over the maximum page size "
                        + maxLimit + "; page through larger results with the cursor");
            }
        }
        return new PageRequest(limit, single(request, "cursor").map(Cursor::decode));
    }

    /** The page of {@code fetched}, which holds up to {@code limit + 1} rows: one more means there is a next page. */
    public <T> Page<T> page(List<T> fetched, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }

    private static Optional<String> single(ServerRequest request, String name) {
        List<String> values = request.queryParams().getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiProblem.badRequest("bad-" + name, name + " may be given once");
        }
        return values.stream().findFirst();
    }
}
