package dev.sessio.tokens.domain;

import dev.sessio.events.Money;
import dev.sessio.events.tokens.OrderAwaitingApproval;
import dev.sessio.events.tokens.OrderRejected;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.infra.StripeCheckout;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders of tokens and their life: card orders wait for Stripe's word, purchase orders for ops. Every transition
 * locks the order row, so a webhook delivered twice, or two ops clicking at once, change it once.
 */
@ApplicationScoped
public class Orders {

    private static final Logger LOG = Logger.getLogger(Orders.class);

    private final Pricing pricing;
    private final TokenLedger ledger;
    private final InvoiceBook invoices;
    private final StripeCheckout stripe;
    private final Outbox outbox;
    private final Clock clock;
    private final TokensConfig config;

    public Orders(Pricing pricing, TokenLedger ledger, InvoiceBook invoices, StripeCheckout stripe, Outbox outbox,
                  Clock clock, TokensConfig config) {
        this.pricing = pricing;
        this.ledger = ledger;
        this.invoices = invoices;
        this.stripe = stripe;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** Creates the order and its Stripe Checkout Session; the school pays on Stripe's page. */
    @Transactional
    public TokenOrder orderByCard(UUID organisationId, String userId, int quantity, BillingDetails billing) {
        TokenOrder order = newOrder(organisationId, userId, quantity, TokenOrder.PaymentMethod.CARD, billing, null);
        order.status = TokenOrder.Status.AWAITING_PAYMENT;
        StripeCheckout.Session session = stripe.createSession(order);
        order.stripeCheckoutSessionId = session.id();
        order.checkoutUrl = session.url();
        order.persist();
        return order;
    }

    @Transactional
    public TokenOrder orderByPurchaseOrder(UUID organisationId, String userId, int quantity, String reference,
                                           BillingDetails billing, BillingDetails.Chorus chorus) {
        TokenOrder order = newOrder(organisationId, userId, quantity, TokenOrder.PaymentMethod.PURCHASE_ORDER, billing,
                chorus);
        order.status = TokenOrder.Status.AWAITING_APPROVAL;
        order.purchaseOrderReference = reference;
        order.persist();
        outbox.record(new OrderAwaitingApproval(organisationId, order.id, quantity, reference,
                new Money(order.totalIncludingTax, order.currency)), organisationId, "organisation/" + organisationId);
        return order;
    }

    /** Ops approve a purchase order: the tokens are credited at once and an unpaid invoice is issued. */
    @Transactional
    public TokenOrder approve(UUID orderId, String opsUser) {
        TokenOrder order = locked(orderId);
        requireStatus(order, TokenOrder.Status.AWAITING_APPROVAL, "approved");
        order.status = TokenOrder.Status.APPROVED;
        order.decidedBy = opsUser;
        order.decidedAt = clock.instant();
        ledger.credit(order.organisationId, Cause.order(order.id), order.quantity, null,
                TokensCredited.Reason.PURCHASE_ORDER, order.id, null);
        order.invoiceId = invoices.issueFor(order, false).id;
        return order;
    }

    @Transactional
    public TokenOrder reject(UUID orderId, String opsUser, String reason) {
        TokenOrder order = locked(orderId);
        requireStatus(order, TokenOrder.Status.AWAITING_APPROVAL, "rejected");
        order.status = TokenOrder.Status.REJECTED;
        order.decidedBy = opsUser;
        order.decidedAt = clock.instant();
        order.rejectionReason = reason;
        outbox.record(new OrderRejected(order.organisationId, order.id, reason), order.organisationId,
                "organisation/" + order.organisationId);
        return order;
    }

    /** Ops record the bank transfer that pays an approved purchase order's invoice. */
    @Transactional
    public TokenOrder recordPayment(UUID orderId, String opsUser, String reference) {
        TokenOrder order = locked(orderId);
        requireStatus(order, TokenOrder.Status.APPROVED, "marked paid");
        order.status = TokenOrder.Status.PAID;
        order.paidAt = clock.instant();
        order.paymentReference = reference;
        invoices.markPaid(order.invoiceId);
        return order;
    }

    /**
     * Stripe says the checkout was paid: credit, mark paid and issue a paid invoice, once. A payment that arrives
     * after the checkout was reported expired still wins: the money was taken, the tokens are owed.
     */
    @Transactional
    public Optional<TokenOrder> cardPaid(UUID orderId, String checkoutSessionId, BillingDetails customer) {
        Optional<TokenOrder> found = lockedIfKnown(orderId, checkoutSessionId);
        found.ifPresent(order -> {
            if (order.status == TokenOrder.Status.PAID) {
                return;
            }
            order.status = TokenOrder.Status.PAID;
            order.paidAt = clock.instant();
            order.cancelledAt = null;
            if (order.billingName == null && customer != null && customer.name() != null) {
                order.billingName = customer.name();
                order.billingAddress = customer.address();
                order.billingPostcode = customer.postcode();
                order.billingCity = customer.city();
                order.billingCountry = customer.country();
                order.billingEmail = customer.email();
            }
            ledger.credit(order.organisationId, Cause.order(order.id), order.quantity, null,
                    TokensCredited.Reason.PURCHASE, order.id, null);
            order.invoiceId = invoices.issueFor(order, true).id;
        });
        return found;
    }

    /** The checkout session expired unpaid: the order is cancelled, unless it was paid meanwhile. */
    @Transactional
    public Optional<TokenOrder> checkoutExpired(UUID orderId, String checkoutSessionId) {
        Optional<TokenOrder> found = lockedIfKnown(orderId, checkoutSessionId);
        found.filter(o -> o.status == TokenOrder.Status.AWAITING_PAYMENT).ifPresent(order -> {
            order.status = TokenOrder.Status.CANCELLED;
            order.cancelledAt = clock.instant();
        });
        return found;
    }

    public Optional<TokenOrder> find(UUID id) {
        return TokenOrder.findByIdOptional(id);
    }

    public List<TokenOrder> ofOrganisation(UUID organisationId, int page, int size) {
        return TokenOrder.<TokenOrder>find("organisationId", Sort.descending("createdAt"), organisationId)
                .page(Page.of(page, size)).list();
    }

    public long countOfOrganisation(UUID organisationId) {
        return TokenOrder.count("organisationId", organisationId);
    }

    /** Purchase orders ops have not decided on for longer than the alert delay (20 h; the promise is 24 h). */
    public List<TokenOrder> overdueForApproval() {
        Instant before = clock.instant().minus(config.purchaseOrders().approvalAlertAfter());
        return TokenOrder.list("status = ?1 and createdAt < ?2", Sort.ascending("createdAt"),
                TokenOrder.Status.AWAITING_APPROVAL, before);
    }

    public List<TokenOrder> awaitingApproval() {
        return TokenOrder.list("status", Sort.ascending("createdAt"), TokenOrder.Status.AWAITING_APPROVAL);
    }

    private TokenOrder newOrder(UUID organisationId, String userId, int quantity, TokenOrder.PaymentMethod method,
                                BillingDetails billing, BillingDetails.Chorus chorus) {
        Pricing.Amounts amounts = pricing.forQuantity(quantity);
        TokenOrder order = new TokenOrder();
        order.id = UUID.randomUUID();
        order.organisationId = organisationId;
        order.quantity = quantity;
        order.paymentMethod = method;
        order.currency = amounts.includingTax().currency();
        order.unitExcludingTax = amounts.unitExcludingTax().amount();
        order.vatRateBasisPoints = amounts.vatRateBasisPoints();
        order.totalExcludingTax = amounts.excludingTax().amount();
        order.vat = amounts.vat().amount();
        order.totalIncludingTax = amounts.includingTax().amount();
        order.createdBy = userId;
        order.createdAt = clock.instant();
        if (billing != null) {
            order.billingName = billing.name();
            order.billingAddress = billing.address();
            order.billingPostcode = billing.postcode();
            order.billingCity = billing.city();
            order.billingCountry = billing.country();
            order.billingSiret = billing.siret();
            order.billingVatNumber = billing.vatNumber();
            order.billingEmail = billing.email();
        }
        if (chorus != null) {
            order.chorusServiceCode = chorus.serviceCode();
            order.chorusEngagementNumber = chorus.engagementNumber();
        }
        return order;
    }

    private TokenOrder locked(UUID orderId) {
        return TokenOrder.<TokenOrder>findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("Order " + orderId));
    }

    private Optional<TokenOrder> lockedIfKnown(UUID orderId, String checkoutSessionId) {
        Optional<TokenOrder> order = orderId == null ? Optional.empty()
                : TokenOrder.<TokenOrder>findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order.isEmpty() || !order.get().paymentMethod.equals(TokenOrder.PaymentMethod.CARD)
                || (checkoutSessionId != null && !checkoutSessionId.equals(order.get().stripeCheckoutSessionId))) {
            LOG.warnf("Stripe event for unknown order %s / checkout session %s: ignored", orderId, checkoutSessionId);
            return Optional.empty();
        }
        return order;
    }

    private static void requireStatus(TokenOrder order, TokenOrder.Status expected, String action) {
        if (order.status != expected) {
            throw ProblemException.conflict("order-status", "Order cannot be " + action,
                    "Order " + order.id + " is " + order.status + "; only an order " + expected + " can be " + action);
        }
    }
}
