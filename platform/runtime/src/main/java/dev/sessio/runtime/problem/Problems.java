package dev.sessio.runtime.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessio.runtime.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code application/problem+json} answers (RFC 9457). */
@ApplicationScoped
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final ObjectMapper json;
    private final String baseUri;

    public Problems(ObjectMapper json, PlatformConfig config) {
        this.json = json;
        String base = config.problems().baseUri();
        this.baseUri = base.endsWith("/") ? base : base + "/";
    }

    public String typeUri(String slug) {
        return baseUri + slug;
    }

    public Response response(ProblemException problem) {
        return response(problem.status(), problem.type(), problem.title(), problem.detail(), problem.extensions());
    }

    public Response response(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeUri(slug));
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        extensions.forEach(body::putIfAbsent);
        String entity;
        try {
            entity = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            entity = "{\"type\":\"" + typeUri("internal-error") + "\",\"title\":\"Internal error\",\"status\":500}";
            status = 500;
        }
        return Response.status(status).type(MEDIA_TYPE).entity(entity).build();
    }

    /** A field at fault in a request: its JSON path ({@code organisation.uai}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public Response validation(List<FieldError> errors) {
        return response(400, "validation", "Invalid request",
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                Map.of("errors", errors));
    }
}
