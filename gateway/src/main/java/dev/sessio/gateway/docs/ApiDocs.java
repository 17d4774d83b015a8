package dev.sessio.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessio.gateway.config.GatewayConfig;
import dev.sessio.gateway.edge.ProblemResponses;
import dev.sessio.gateway.edge.Replicas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/docs} lists every service's OpenAPI document, {@code /api/docs/{service}} serves one, and
 * {@code /api/docs/merged} one view for partners (paths of all services, schemas prefixed on name clashes).
 */
@ApplicationScoped
public class ApiDocs {

    private final GatewayConfig config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Replicas> replicas = new LinkedHashMap<>();

    public ApiDocs(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient();
        config.routes().forEach((name, route) -> replicas.put(name, new Replicas(route.upstream())));
    }

    void routes(@Observes Router router) {
        router.get("/api/docs").order(20).handler(this::index);
        router.get("/api/docs/merged").order(19).handler(this::merged);
        router.get("/api/docs/:service").order(20).handler(this::one);
    }

    private void index(RoutingContext rc) {
        ObjectNode index = json.createObjectNode();
        index.put("merged", "/api/docs/merged");
        ObjectNode services = index.putObject("services");
        documented().keySet().forEach(name -> services.put(name, "/api/docs/" + name));
        rc.response().putHeader("Content-Type", "application/json").end(index.toString());
    }

    private void one(RoutingContext rc) {
        String name = rc.pathParam("service");
        GatewayConfig.Route route = documented().get(name);
        if (route == null) {
            ProblemResponses.send(rc.response(), 404, "not-found", "Not found", "No service named " + name);
            return;
        }
        fetch(name, route).onSuccess(doc -> rc.response().putHeader("Content-Type", "application/json").end(doc.toString()))
                .onFailure(e -> ProblemResponses.send(rc.response(), 503, "upstream-unavailable",
                        "Service unavailable", "The API document of " + name + " cannot be read right now"));
    }

    private void merged(RoutingContext rc) {
        Map<String, GatewayConfig.Route> routes = documented();
        List<String> names = new ArrayList<>(routes.keySet());
        List<Future<JsonNode>> docs = names.stream().map(n -> fetch(n, routes.get(n))).toList();
        Future.join(docs).onComplete(done -> {
            Map<String, JsonNode> available = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (docs.get(i).succeeded()) {
                    available.put(names.get(i), docs.get(i).result());
                }
            }
            if (available.isEmpty()) {
                ProblemResponses.send(rc.response(), 503, "upstream-unavailable", "Service unavailable",
                        "No API document can be read right now");
                return;
            }
            rc.response().putHeader("Content-Type", "application/json").end(merge(available).toString());
        });
    }

    /** Paths are disjoint by construction (one prefix per service); clashing schema names get the service's prefix. */
    ObjectNode merge(Map<String, JsonNode> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Sessio API");
        info.put("version", "1.0.0");
        info.put("description", "Every Sessio service behind the gateway, in one document.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = merged.putObject("components").putObject("schemas");
        documents.forEach((service, original) -> {
            String text = original.toString();
            JsonNode ownSchemas = original.path("components").path("schemas");
            for (Iterator<String> it = ownSchemas.fieldNames(); it.hasNext(); ) {
                String schema = it.next();
                if (schemas.has(schema) && !schemas.get(schema).equals(ownSchemas.get(schema))) {
                    text = text.replace("\"#/components/schemas/" + schema + "\"",
                            "\"#/components/schemas/" + service + "_" + schema + "\"");
                }
            }
            JsonNode doc;
            try {
                doc = json.readTree(text);
            } catch (Exception e) {
                return;
            }
            doc.path("paths").fields().forEachRemaining(p -> paths.set(p.getKey(), p.getValue()));
            JsonNode docSchemas = doc.path("components").path("schemas");
            docSchemas.fields().forEachRemaining(s -> {
                String name = schemas.has(s.getKey()) && !schemas.get(s.getKey()).equals(s.getValue())
                        ? service + "_" + s.getKey() : s.getKey();
                schemas.set(name, s.getValue());
            });
            JsonNode securitySchemes = doc.path("components").path("securitySchemes");
            if (securitySchemes.isObject()) {
                ((ObjectNode) merged.get("components")).set("securitySchemes", securitySchemes);
            }
        });
        return merged;
    }

    private Map<String, GatewayConfig.Route> documented() {
        Map<String, GatewayConfig.Route> routes = new LinkedHashMap<>();
        config.routes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> e.getValue().openapi().isPresent())
                .forEach(e -> routes.put(e.getKey(), e.getValue()));
        return routes;
    }

    private Future<JsonNode> fetch(String name, GatewayConfig.Route route) {
        long timeout = config.upstreamTimeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setURI(route.openapi().orElseThrow())
                .setIdleTimeout(timeout);
        return replicas.get(name).request(client, options, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(this::parse);
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException("not an OpenAPI document", e);
        }
    }
}
