package dev.sessio.accounts.domain;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code page} counts from 0, {@code size} is capped at 100 by the resources. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
