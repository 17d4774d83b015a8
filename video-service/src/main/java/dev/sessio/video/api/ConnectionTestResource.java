package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.video.domain.BugReports;
import dev.sessio.video.domain.ClientAccess;
import dev.sessio.video.domain.ConnectionTestResult;
import dev.sessio.video.domain.ConnectionTestRoom;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/** The waiting room's pre-call network test. A bad result never blocks joining. */
@Bulkheaded
@Path("/api/video/connection-test")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connection test", description = "Pre-call network test credentials and results")
public class ConnectionTestResource {

    private final ConnectionTestRoom testRoom;
    private final BugReports bugReports;
    private final Caller caller;

    public ConnectionTestResource(ConnectionTestRoom testRoom, BugReports bugReports, Caller caller) {
        this.testRoom = testRoom;
        this.bugReports = bugReports;
        this.caller = caller;
    }

    public record TestResult(UUID sessionId, @NotNull @Size(max = 50) Map<String, Object> result,
                             @Size(max = 500) String browser) {
    }

    @GET
    @Operation(summary = "Credentials for the dedicated test session (Vonage); provider only for external links")
    @APIResponse(responseCode = "200", description = "What the front end needs to run the network test")
    public ClientAccess credentials() {
        return testRoom.credentials(caller.userId());
    }

    @POST
    @Path("/results")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep the client's test result; the caller's next bug report carries the latest")
    @APIResponse(responseCode = "201", description = "Kept")
    @APIResponse(responseCode = "400", description = "Invalid", content = @Content(mediaType = "application/problem+json"))
    public Response result(@Valid @NotNull TestResult result, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        ConnectionTestResult kept = bugReports.connectionTested(caller.userId(), result.sessionId(), result.result(),
                result.browser() != null ? result.browser() : truncate(userAgent));
        return Response.status(Response.Status.CREATED).entity(Map.of("id", kept.id)).build();
    }

    static String truncate(String userAgent) {
        return userAgent == null ? null : userAgent.length() > 500 ? userAgent.substring(0, 500) : userAgent;
    }
}
