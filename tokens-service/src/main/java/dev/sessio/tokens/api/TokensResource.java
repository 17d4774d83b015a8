package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.events.Money;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import dev.sessio.tokens.domain.Pricing;
import dev.sessio.tokens.domain.TokenLedger;
import dev.sessio.tokens.domain.ledger.LedgerStore.PostingRow;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Balance, journal and offers of the caller's organisation. */
@Bulkheaded
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens", description = "Token balance, ledger and offers")
@RunOnVirtualThread
public class TokensResource {

    public record LotView(Instant expiresAt, int remaining) {
    }

    public record BalanceView(UUID organisationId, int available, List<LotView> lots, int expiringWithin30Days,
                              Instant expiringBefore) {
    }

    public record CauseView(String type, UUID id) {
    }

    public record PostingView(UUID id, String kind, int quantity, int balanceAfter, Instant lotExpiresAt,
                              Instant postedAt, CauseView cause, UUID sessionId, UUID orderId, String creditReason,
                              String note) {
    }

    public record UnitPrice(Money excludingTax, String vatRate, Money vat, Money includingTax) {
    }

    public record Offer(String id, String label, int minQuantity, int maxQuantity, UnitPrice unitPrice,
                        Instant validUntil, List<String> paymentMethods) {
    }

    public record Offers(List<Offer> offers) {
    }

    private final TokenLedger ledger;
    private final Caller caller;
    private final Pricing pricing;
    private final Clock clock;

    public TokensResource(TokenLedger ledger, Caller caller, Pricing pricing, Clock clock) {
        this.ledger = ledger;
        this.caller = caller;
        this.pricing = pricing;
        this.clock = clock;
    }

    @GET
    @Path("/balance")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "Available tokens, lots by expiry, and tokens expiring within 30 days")
    @APIResponse(responseCode = "200", description = "The balance")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a school member, or no organisation")
    public BalanceView balance(@Parameter(description = "ops only: the organisation to look at")
                               @QueryParam("organisationId") UUID organisationId) {
        UUID org = organisation(organisationId);
        TokenLedger.Balance balance = ledger.balance(org);
        return new BalanceView(org, balance.available(),
                balance.lots().stream().map(l -> new LotView(l.expiresAt(), l.remaining())).toList(),
                balance.expiringSoon(), balance.expiringSoonBefore());
    }

    @GET
    @Path("/ledger")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "The organisation's postings, newest first, with their cause")
    @APIResponse(responseCode = "200", description = "One page of postings")
    @APIResponse(responseCode = "400", description = "page or size out of range (problem+json)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a school member, or no organisation")
    public PageOf<PostingView> ledger(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
                                      @Parameter(description = "ops only: the organisation to look at")
                                      @QueryParam("organisationId") UUID organisationId) {
        TokenLedger.Page postings = ledger.postings(organisation(organisationId), page, size);
        return new PageOf<>(postings.postings().stream().map(TokensResource::view).toList(), page, size,
                postings.total());
    }

    @GET
    @Path("/ledger/{postingId}")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "One posting of the organisation")
    @APIResponse(responseCode = "200", description = "The posting")
    @APIResponse(responseCode = "404", description = "Unknown, or another organisation's (problem+json)")
    public PostingView getPosting(@PathParam("postingId") UUID postingId) {
        return view(caller.ownedOrOps(ledger.posting(postingId), PostingRow::organisationId, "Posting " + postingId));
    }

    @GET
    @Path("/offers")
    @RolesAllowed({Roles.SCHOOL_ADMIN, Roles.SCHOOL_STAFF, Roles.PARTNER, Roles.OPS})
    @Operation(summary = "What can be bought and at what price (excluding tax, VAT, including tax)")
    @APIResponse(responseCode = "200", description = "The offers")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Offers offers() {
        Pricing.Amounts one = pricing.forQuantity(1);
        String rate = InvoiceView.vatRate(one.vatRateBasisPoints());
        return new Offers(List.of(new Offer("token", "Jeton : une inscription à une session", pricing.minQuantity(),
                pricing.maxQuantity(), new UnitPrice(one.excludingTax(), rate, one.vat(), one.includingTax()),
                ledger.schoolYear().endFor(clock.instant()), List.of("CARD", "PURCHASE_ORDER"))));
    }

    static PostingView view(PostingRow p) {
        return new PostingView(p.id(), p.kind().name(), p.quantity(), p.balanceAfter(), p.lotExpiresAt(),
                p.postedAt(), new CauseView(p.cause().type().name(), p.cause().id()), p.sessionId(), p.orderId(),
                p.creditReason(), p.note());
    }

    private UUID organisation(UUID requested) {
        if (caller.isOps()) {
            if (requested == null) {
                throw ProblemException.badRequest("organisation-required", "Organisation required",
                        "ops must name the organisation with ?organisationId=");
            }
            return requested;
        }
        return caller.organisationId();
    }
}
