package dev.sessio.tokens.api;

import java.util.List;

/** One page of a list: {@code page} counts from 0, {@code size} is at most 100. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
}
