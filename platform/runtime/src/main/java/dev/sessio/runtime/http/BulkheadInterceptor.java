package dev.sessio.runtime.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs a {@link Bulkheaded} resource method within the service's one {@link HttpBulkhead}. */
@Bulkheaded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 50)
public class BulkheadInterceptor {

    @Inject
    HttpBulkhead bulkhead;

    @AroundInvoke
    Object admit(InvocationContext invocation) throws Exception {
        return bulkhead.admitted(invocation::proceed);
    }
}
