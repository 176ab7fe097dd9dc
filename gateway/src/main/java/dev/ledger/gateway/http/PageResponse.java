package dev.ledger.gateway.http;

import java.util.List;
import java.util.function.Function;

/** The shape of every list endpoint: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record PageResponse<T>(List<T> items, String nextCursor) {

    public static <S, T> PageResponse<T> of(List<S> items, String nextCursor, Function<S, T> render) {
        return new PageResponse<>(items.stream().map(render).toList(), nextCursor);
    }
}
