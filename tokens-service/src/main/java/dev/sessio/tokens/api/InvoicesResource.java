package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.tokens.api.OrderViews.ReasonRequest;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.Invoice;
import dev.sessio.tokens.domain.InvoiceBook;
import dev.sessio.tokens.infra.FacturX;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Invoices and credit notes: JSON, Factur-X PDF, and credit notes issued by ops. */
@Bulkheaded
@Path("/api/tokens/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invoices", description = "Invoices and credit notes")
@RunOnVirtualThread
public class InvoicesResource {

    private final InvoiceBook invoices;
    private final Caller caller;
    private final TokensConfig config;
    private final FacturX facturX;

    public InvoicesResource(InvoiceBook invoices, Caller caller, TokensConfig config, FacturX facturX) {
        this.invoices = invoices;
        this.caller = caller;
        this.config = config;
        this.facturX = facturX;
    }

    @GET
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "The organisation's invoices and credit notes, newest first")
    @APIResponse(responseCode = "200", description = "One page of invoices")
    @APIResponse(responseCode = "400", description = "page or size out of range; ops without organisationId")
    public PageOf<InvoiceView> listInvoices(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                    @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
                                    @Parameter(description = "ops only: the organisation to look at")
                                    @QueryParam("organisationId") UUID organisationId) {
        UUID org = caller.isOps() && organisationId != null ? organisationId : caller.organisationId();
        var query = Invoice.<Invoice>find("organisationId", Sort.descending("issuedAt"), org);
        return new PageOf<>(query.page(Page.of(page, size)).list().stream()
                .map(i -> InvoiceView.of(i, config.seller())).toList(), page, size, query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "One invoice or credit note with its legal mentions")
    @APIResponse(responseCode = "200", description = "The invoice")
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's")
    public InvoiceView getInvoice(@PathParam("id") UUID id) {
        return InvoiceView.of(owned(id), config.seller());
    }

    @GET
    @Path("/{id}/pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "The invoice as Factur-X (PDF/A-3 with the embedded CII XML), for Chorus Pro")
    @APIResponse(responseCode = "200", description = "The PDF")
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's")
    public Response invoicePdf(@PathParam("id") UUID id) {
        Invoice invoice = owned(id);
        return Response.ok(facturX.render(invoice), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"facture-" + invoice.number + ".pdf\"").build();
    }

    @POST
    @Idempotent
    @Path("/{id}/credit-note")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Cancel an invoice with a credit note for its full amount (ops)")
    @APIResponse(responseCode = "201", description = "The credit note")
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "404", description = "Unknown invoice")
    @APIResponse(responseCode = "409", description = "Already credited, or a credit note")
    public Response creditNote(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        Invoice note = invoices.creditNote(id, request.reason());
        return Response.created(URI.create("/api/tokens/invoices/" + note.id))
                .entity(InvoiceView.of(note, config.seller())).build();
    }

    private Invoice owned(UUID id) {
        return caller.ownedOrOps(invoices.find(id), Invoice::organisationId, "Invoice " + id);
    }
}
