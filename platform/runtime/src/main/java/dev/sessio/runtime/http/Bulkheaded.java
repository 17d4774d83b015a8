package dev.sessio.runtime.http;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource: its methods share a bounded number of the service's database connections
 * ({@link HttpBulkhead}, one per service), so that HTTP traffic, however heavy, always leaves some to the consumers and the outbox
 * relay.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Bulkheaded {
}
