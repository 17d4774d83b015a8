package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.tokens.api.OrderViews.OrderRequest;
import dev.sessio.tokens.api.OrderViews.OrderView;
import dev.sessio.tokens.api.OrderViews.PaymentRequest;
import dev.sessio.tokens.api.OrderViews.ReasonRequest;
import dev.sessio.tokens.domain.BillingDetails;
import dev.sessio.tokens.domain.Orders;
import dev.sessio.tokens.domain.TokenOrder;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Orders of tokens: by card (Stripe Checkout) or by purchase order (ops approve, then record the payment). */
@Bulkheaded
@Path("/api/tokens/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders", description = "Buying tokens by card or purchase order")
@RunOnVirtualThread
public class OrdersResource {

    private final Orders orders;
    private final Caller caller;

    public OrdersResource(Orders orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.PARTNER})
    @Operation(summary = "Order tokens: CARD answers the Stripe checkoutUrl, PURCHASE_ORDER waits for ops approval")
    @APIResponse(responseCode = "201", description = "The order (AWAITING_PAYMENT with checkoutUrl, or AWAITING_APPROVAL)")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json with the fields at fault)")
    @APIResponse(responseCode = "403", description = "Not a school admin or partner")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for another request")
    @APIResponse(responseCode = "502", description = "Stripe refused or did not answer")
    @APIResponse(responseCode = "503", description = "Card payments are not configured")
    public Response createOrder(@Valid @NotNull OrderRequest request) {
        UUID org = caller.organisationId();
        TokenOrder order = switch (request.paymentMethod()) {
            case CARD -> orders.orderByCard(org, caller.userId(), request.quantity(),
                    request.billing() == null ? null : request.billing().details());
            case PURCHASE_ORDER -> {
                requirePurchaseOrderFields(request);
                yield orders.orderByPurchaseOrder(org, caller.userId(), request.quantity(),
                        request.purchaseOrderReference(), request.billing().details(),
                        request.chorus() == null ? null
                                : new BillingDetails.Chorus(request.chorus().serviceCode(), request.chorus().engagementNumber()));
            }
        };
        return Response.created(URI.create("/api/tokens/orders/" + order.id)).entity(OrderView.of(order)).build();
    }

    @GET
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER})
    @Operation(summary = "The organisation's orders, newest first")
    @APIResponse(responseCode = "200", description = "One page of orders")
    @APIResponse(responseCode = "400", description = "page or size out of range")
    public PageOf<OrderView> listOrders(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                  @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        UUID org = caller.organisationId();
        return new PageOf<>(orders.ofOrganisation(org, page, size).stream().map(OrderView::of).toList(), page, size,
                orders.countOfOrganisation(org));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "One order")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's")
    public OrderView getOrder(@PathParam("id") UUID id) {
        return OrderView.of(caller.ownedOrOps(orders.find(id), TokenOrder::organisationId, "Order " + id));
    }

    @GET
    @Path("/awaiting-approval")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Purchase orders waiting for ops, oldest first; overdue=true keeps those waiting longer than 20 h")
    @APIResponse(responseCode = "200", description = "One page of orders")
    public PageOf<OrderView> awaitingApproval(@QueryParam("overdue") @DefaultValue("false") boolean overdue,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        List<TokenOrder> all = overdue ? orders.overdueForApproval() : orders.awaitingApproval();
        List<OrderView> items = all.stream().skip((long) page * size).limit(size).map(OrderView::of).toList();
        return new PageOf<>(items, page, size, all.size());
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Approve a purchase order: credits the tokens and issues an invoice due in 30 days")
    @APIResponse(responseCode = "200", description = "The order, APPROVED, with its invoiceId")
    @APIResponse(responseCode = "404", description = "Unknown order")
    @APIResponse(responseCode = "409", description = "The order is not awaiting approval")
    public OrderView approve(@PathParam("id") UUID id) {
        return OrderView.of(orders.approve(id, caller.userId()));
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Reject a purchase order with a reason shown to the school")
    @APIResponse(responseCode = "200", description = "The order, REJECTED")
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "404", description = "Unknown order")
    @APIResponse(responseCode = "409", description = "The order is not awaiting approval")
    public OrderView reject(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return OrderView.of(orders.reject(id, caller.userId(), request.reason()));
    }

    @POST
    @Path("/{id}/payment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Record the transfer that pays an approved purchase order; its invoice becomes PAID")
    @APIResponse(responseCode = "200", description = "The order, PAID")
    @APIResponse(responseCode = "404", description = "Unknown order")
    @APIResponse(responseCode = "409", description = "The order is not approved and unpaid")
    public OrderView recordPayment(@PathParam("id") UUID id, @Valid @NotNull PaymentRequest request) {
        return OrderView.of(orders.recordPayment(id, caller.userId(), request.reference()));
    }

    private static void requirePurchaseOrderFields(OrderRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (request.purchaseOrderReference() == null || request.purchaseOrderReference().isBlank()) {
            errors.add(Map.of("field", "purchaseOrderReference", "message", "is required for a purchase order"));
        }
        if (request.billing() == null) {
            errors.add(Map.of("field", "billing", "message", "is required for a purchase order"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", "Invalid request",
                    "A purchase order needs its reference and billing details").with("errors", errors);
        }
    }
}
