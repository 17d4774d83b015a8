package dev.sessio.runtime.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Turns every failure into problem+json. Nothing internal leaves: no stack trace, SQL or class name;
 * unexpected errors get an id that is in the log and in the answer.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Problems problems;

    public ProblemMappers(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response answer = problems.response(e);
        if (e.headers().isEmpty()) {
            return answer;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(answer);
        e.headers().forEach(withHeaders::header);
        return withHeaders.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problems.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problems.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problems.FieldError::field));
        return problems.validation(errors);
    }

    @ServerExceptionMapper
    public Response unreadableField(JsonMappingException e) {
        String field = pathOf(e.getPath());
        String message = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                ? "has an invalid value" + (invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                ? "; allowed: " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants()) : "")
                : "has the wrong type or shape";
        if (field.isEmpty()) {
            return problems.response(400, "malformed-body", "Malformed request body",
                    "The body is not the JSON document this operation expects", Map.of());
        }
        return problems.validation(List.of(new Problems.FieldError(field, message)));
    }

    /** Declared for the subtypes too: Quarkus has built-in mappers for them that would answer plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableField(e);
    }

    @ServerExceptionMapper
    public Response invalidFormat(com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
        return unreadableField(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return problems.response(400, "malformed-body", "Malformed request body", "The body is not valid JSON", Map.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return problems.response(401, "unauthorized", "Unauthorized", "A valid bearer token is required", Map.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return problems.response(401, "unauthorized", "Unauthorized", "A valid bearer token is required", Map.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problems.response(403, "forbidden", "Forbidden", "Your role does not allow this operation", Map.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // Quarkus REST wraps body-reading failures; answer them as what they are.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableField(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException parsing) {
            return unreadableJson(parsing);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request refused" : type.getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String detail = switch (status) {
            case 404 -> "No resource at this address";
            case 405 -> "This method is not allowed here";
            case 406 -> "This resource cannot answer in the requested media type";
            case 415 -> "This media type is not accepted here; send application/json";
            default -> title;
        };
        Response answer = problems.response(status, slug, title, detail, Map.of());
        String allow = e.getResponse().getHeaderString("Allow");
        return allow == null ? answer : Response.fromResponse(answer).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return Response.fromResponse(problems.response(503, "service-unavailable", "Service unavailable",
                    "The service cannot reach its database right now; retry in a moment", Map.of()))
                    .header("Retry-After", "2").build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", id);
        return problems.response(500, "internal-error", "Internal error",
                "Something went wrong on our side; quote " + id + " to support", Map.of("errorId", id));
    }

    /**
     * Connection pool exhausted or database away: a passing state the client should retry, not a bug (SQLState
     * class 08, the JDBC connection exceptions, Agroal's acquisition timeout wrapped by Hibernate).
     */
    static boolean databaseUnavailable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")))) {
                return true;
            }
        }
        return false;
    }

    /** {@code signup.request.organisation.uai} → {@code organisation.uai}: the path as the client wrote it. */
    static String fieldOf(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringJoiner field = new StringJoiner(".");
        String parameter = null;
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (name == null) {
                continue;
            }
            field.add(node.getIndex() != null ? name + "[" + node.getIndex() + "]" : name);
        }
        String joined = field.toString();
        return joined.isEmpty() ? (parameter == null ? "body" : parameter) : joined;
    }

    private static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
