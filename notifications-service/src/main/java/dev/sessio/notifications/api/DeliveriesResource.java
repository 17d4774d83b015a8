package dev.sessio.notifications.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.notifications.domain.DeliveryLog;
import dev.sessio.notifications.domain.Email;
import dev.sessio.notifications.domain.EmailStatus;
import dev.sessio.runtime.problem.ProblemException;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The email delivery log, for ops: what failed, and resending it. */
@Bulkheaded
@Path("/api/notifications/deliveries")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries", description = "Email delivery log (ops)")
@RunOnVirtualThread
public class DeliveriesResource {

    private final DeliveryLog log;

    public DeliveriesResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Emails by status, newest first", description = "For example ?status=FAILED: the emails that "
            + "ran out of attempts, with the last SMTP error.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "Unknown status or invalid paging",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "Not ops", content = @Content(mediaType = "application/problem+json"))
    public DeliveryDto.Page listDeliveries(@QueryParam("status") @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "PENDING, SENDING, SENT or FAILED") String status,
                                 @QueryParam("recipient") String recipient,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        DeliveryLog.Slice slice = log.list(status(status), recipient, page, size);
        return new DeliveryDto.Page(slice.items().stream().map(DeliveryDto::of).toList(), page, size, slice.total());
    }

    private static EmailStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return EmailStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-status", "Unknown status",
                    "status must be one of " + java.util.Arrays.toString(EmailStatus.values()));
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "Unknown delivery", content = @Content(mediaType = "application/problem+json"))
    public DeliveryDto getDelivery(@PathParam("id") UUID id) {
        return DeliveryDto.of(log.get(id));
    }

    @POST
    @Path("/{id}/resend")
    @Operation(summary = "Send an email again", description = "A FAILED email is queued again with fresh attempts; a "
            + "SENT one is queued as a new copy (answered with its Location).")
    @APIResponse(responseCode = "202", description = "Queued: the delivery that will be sent")
    @APIResponse(responseCode = "404", description = "Unknown delivery", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Still PENDING or SENDING", content = @Content(mediaType = "application/problem+json"))
    public Response resendDelivery(@PathParam("id") UUID id) {
        Email queued = log.resend(id);
        return Response.accepted(DeliveryDto.of(queued))
                .location(URI.create("/api/notifications/deliveries/" + queued.id)).build();
    }
}
