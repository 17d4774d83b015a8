package dev.sessio.runtime.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stores the first answer to a keyed request in the same transaction as the work it did, so a replay can never
 * disagree with what happened. A concurrent duplicate waits on the key's row and then replays. Failed requests
 * (exceptions) store nothing: the client may retry them with the same key. Keys are scoped to the caller.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    HttpServerRequest request;
    @Inject
    SecurityIdentity identity;
    @Inject
    IdempotencyStore store;
    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.badRequest("invalid-idempotency-key", "Invalid Idempotency-Key",
                    "The Idempotency-Key header must hold 1 to 255 characters");
        }
        String caller = identity.isAnonymous() ? "anonymous:" + request.remoteAddress().hostAddress()
                : identity.getPrincipal().getName();
        String fingerprint = fingerprint(invocation);
        try {
            return QuarkusTransaction.joiningExisting().call(() -> proceedOnce(invocation, caller, key, fingerprint));
        } catch (QuarkusTransactionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Object proceedOnce(InvocationContext invocation, String caller, String key, String fingerprint)
            throws Exception {
        {
            Optional<IdempotencyStore.Stored> previous = store.claim(caller, key, fingerprint);
            if (previous.isPresent()) {
                if (!previous.get().fingerprint().equals(fingerprint)) {
                    throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency-Key reused",
                            "This Idempotency-Key was already used for a different request");
                }
                return previous.get().replay();
            }
            Object result = invocation.proceed();
            if (!(result instanceof Response response)) {
                throw new IllegalStateException("@Idempotent methods must return a Response");
            }
            store.save(caller, key, response);
            return response;
        }
    }

    private String fingerprint(InvocationContext invocation) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((request.method().name() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
        for (Object parameter : invocation.getParameters()) {
            sha.update(json.writeValueAsBytes(parameter));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

}
