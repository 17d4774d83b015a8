package dev.sessio.notifications.domain;

import dev.sessio.events.Money;
import dev.sessio.events.tokens.InvoiceIssued;
import dev.sessio.events.tokens.OrderAwaitingApproval;
import dev.sessio.events.tokens.OrderRejected;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpiring;
import dev.sessio.notifications.config.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Token and invoice emails, to the organisation's address (from the address book), plus the ops approval mail. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BillingEmails {

    private final EmailQueue queue;
    private final Contacts contacts;
    private final Feed feed;
    private final NotificationsConfig config;

    public BillingEmails(EmailQueue queue, Contacts contacts, Feed feed, NotificationsConfig config) {
        this.queue = queue;
        this.contacts = contacts;
        this.feed = feed;
        this.config = config;
    }

    public void credited(String eventId, TokensCredited e) {
        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = Map.of(
                "organisation", to.organisationName(),
                "quantity", e.quantity(),
                "reason", e.reason().name(),
                "balance", e.balanceAfter(),
                "expiresOn", Locales.date(e.lotExpiresAt(), to.locale()),
                "link", config.webBaseUrl() + "/compte/jetons");
        toOrganisation(EmailKind.PURCHASE_RECEIPT, e.organisationId(), to, data, eventId, data.get("link").toString());
    }

    public void invoiced(String eventId, InvoiceIssued e) {
        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = new HashMap<>();
        data.put("organisation", to.organisationName());
        data.put("number", e.number());
        data.put("creditNote", e.kind() == InvoiceIssued.Kind.CREDIT_NOTE);
        data.put("paid", e.status() == InvoiceIssued.Status.PAID);
        data.put("total", money(e.totalIncludingTax(), to.locale()));
        data.put("totalExcludingTax", money(e.totalExcludingTax(), to.locale()));
        data.put("vat", money(e.vat(), to.locale()));
        data.put("issuedOn", Locales.date(e.issuedOn(), to.locale()));
        data.put("dueOn", Locales.date(e.dueOn(), to.locale()));
        data.put("link", pdfLink(e));
        toOrganisation(EmailKind.INVOICE_AVAILABLE, e.organisationId(), to, data, eventId,
                config.webBaseUrl() + "/compte/factures");
    }

    public void orderAwaitingApproval(String eventId, OrderAwaitingApproval e) {
        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = new HashMap<>();
        data.put("organisation", to.organisationName());
        data.put("quantity", e.quantity());
        data.put("reference", e.purchaseOrderReference() == null ? "" : e.purchaseOrderReference());
        data.put("total", money(e.totalIncludingTax(), to.locale()));
        data.put("link", config.webBaseUrl() + "/compte/commandes/" + e.orderId());
        toOrganisation(EmailKind.ORDER_AWAITING_APPROVAL, e.organisationId(), to, data, eventId,
                data.get("link").toString());

        Map<String, Object> ops = new HashMap<>(data);
        ops.put("total", money(e.totalIncludingTax(), "fr"));
        ops.put("link", config.webBaseUrl() + "/ops/commandes/" + e.orderId());
        queue.queue(Outgoing.of(EmailKind.ORDER_TO_APPROVE, config.opsEmail(), "fr", ops,
                eventId + ":" + EmailKind.ORDER_TO_APPROVE).organisation(e.organisationId()));
    }

    public void orderRejected(String eventId, OrderRejected e) {
        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = Map.of(
                "organisation", to.organisationName(),
                "reason", e.reason() == null ? "" : e.reason(),
                "link", config.webBaseUrl() + "/compte/commandes/" + e.orderId());
        toOrganisation(EmailKind.ORDER_REJECTED, e.organisationId(), to, data, eventId, data.get("link").toString());
    }

    public void expiring(String eventId, TokensExpiring e) {
        Contacts.Recipient to = contacts.organisation(e.organisationId());
        Map<String, Object> data = Map.of(
                "organisation", to.organisationName(),
                "quantity", e.quantity(),
                "expiresOn", Locales.date(e.expiresAt(), to.locale()),
                "link", config.webBaseUrl() + "/sessions");
        toOrganisation(EmailKind.TOKENS_EXPIRING, e.organisationId(), to, data, eventId, data.get("link").toString());
    }

    /** The invoice PDF through the API when tokens-service gave an API path, else the account's invoice page. */
    private String pdfLink(InvoiceIssued e) {
        String path = e.pdfPath();
        if (path != null && path.startsWith("/api/")) {
            return config.apiBaseUrl() + path;
        }
        return config.webBaseUrl() + "/compte/factures/" + e.invoiceId();
    }

    private void toOrganisation(EmailKind kind, UUID organisationId, Contacts.Recipient to, Map<String, Object> data,
                                String eventId, String feedLink) {
        String locale = contacts.localeOf(to.userId(), to.locale());
        queue.queue(Outgoing.of(kind, to.email(), locale, data, eventId + ":" + kind)
                .organisation(organisationId).user(to.userId()));
        feed.post(organisationId, null, kind, to.locale(), data, feedLink);
    }

    private static String money(Money money, String locale) {
        return money == null ? "" : Locales.money(money.amount(), money.currency(), locale);
    }
}
