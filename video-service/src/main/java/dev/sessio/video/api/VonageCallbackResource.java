package dev.sessio.video.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.video.domain.ProviderCallbacks;
import dev.sessio.video.infra.VonageCallbackSignature;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Vonage's session-monitoring and archive callbacks. Authenticated by Vonage's signature, not by Keycloak. */
@Bulkheaded
@Path("/api/video/vonage/events")
@PermitAll
@Tag(name = "Vonage callbacks", description = "Called by Vonage, signed with the application's signature secret")
@SecurityRequirements
public class VonageCallbackResource {

    private final VonageCallbackSignature signature;
    private final ProviderCallbacks callbacks;

    public VonageCallbackResource(VonageCallbackSignature signature, ProviderCallbacks callbacks) {
        this.signature = signature;
        this.callbacks = callbacks;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Session-monitoring (connections, streams) and archive callbacks")
    @APIResponse(responseCode = "204", description = "Applied, or already applied (duplicates are ignored)")
    @APIResponse(responseCode = "400", description = "Not a JSON object", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "Unsigned or wrongly signed", content = @Content(mediaType = "application/problem+json"))
    public Response receive(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        String payload = body == null ? "" : body;
        if (!signature.verify(authorization, payload)) {
            throw new ProblemException(401, "invalid-signature", "Unauthorized",
                    "The callback is not signed with this application's signature secret");
        }
        try {
            callbacks.apply(payload, VonageCallbackSignature.sha256(payload));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("malformed-callback", "Malformed callback", e.getMessage());
        }
        return Response.noContent().build();
    }
}
