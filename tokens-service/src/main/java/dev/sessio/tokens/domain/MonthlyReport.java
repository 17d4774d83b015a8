package dev.sessio.tokens.domain;

import dev.sessio.events.Money;
import dev.sessio.tokens.config.TokensConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The ops month: token movements straight from the journal and revenue from the invoices issued that month (credit
 * notes deducted). Months are Paris months. By construction
 * {@code opening + sold + granted - used + refunded - expired = outstanding}.
 */
@ApplicationScoped
public class MonthlyReport {

    public record Tokens(long opening, long sold, long granted, long used, long refunded, long expired,
                         long outstanding) {
    }

    public record Revenue(Money excludingTax, Money vat, Money includingTax, long invoices, long creditNotes) {
    }

    public record Report(YearMonth month, UUID organisationId, Instant from, Instant to, Tokens tokens,
                         Revenue revenue) {
    }

    private final DataSource dataSource;
    private final ZoneId zone;
    private final String currency;

    public MonthlyReport(DataSource dataSource, TokensConfig config) {
        this.dataSource = dataSource;
        this.zone = config.validity().zone();
        this.currency = config.price().currency();
    }

    /** @param organisationId null for every organisation */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Report of(YearMonth month, UUID organisationId) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        // Token figures come from one statement, hence one snapshot: they always add up.
        try (Connection c = dataSource.getConnection();
             PreparedStatement postings = c.prepareStatement("""
                     SELECT coalesce(sum(quantity) FILTER (WHERE posted_at < ?), 0),
                            coalesce(sum(quantity) FILTER (WHERE in_month AND kind = 'CREDIT'
                                                           AND credit_reason IN ('PURCHASE', 'PURCHASE_ORDER')), 0),
                            coalesce(sum(quantity) FILTER (WHERE in_month AND kind = 'CREDIT' AND credit_reason = 'GRANT'), 0),
                            coalesce(-sum(quantity) FILTER (WHERE in_month AND kind = 'DEBIT'), 0),
                            coalesce(sum(quantity) FILTER (WHERE in_month AND kind = 'REFUND'), 0),
                            coalesce(-sum(quantity) FILTER (WHERE in_month AND kind = 'EXPIRY'), 0),
                            coalesce(sum(quantity), 0)
                     FROM (SELECT *, posted_at >= ? AS in_month FROM posting
                           WHERE posted_at < ? AND (?::uuid IS NULL OR organisation_id = ?::uuid)) p""");
             PreparedStatement invoices = c.prepareStatement("""
                     SELECT coalesce(sum(CASE kind WHEN 'INVOICE' THEN total_excluding_tax ELSE -total_excluding_tax END), 0),
                            coalesce(sum(CASE kind WHEN 'INVOICE' THEN vat ELSE -vat END), 0),
                            coalesce(sum(CASE kind WHEN 'INVOICE' THEN total_including_tax ELSE -total_including_tax END), 0),
                            count(*) FILTER (WHERE kind = 'INVOICE'), count(*) FILTER (WHERE kind = 'CREDIT_NOTE')
                     FROM invoice WHERE issued_at >= ? AND issued_at < ? AND (?::uuid IS NULL OR organisation_id = ?::uuid)""")) {
            postings.setTimestamp(1, Timestamp.from(from));
            postings.setTimestamp(2, Timestamp.from(from));
            postings.setTimestamp(3, Timestamp.from(to));
            postings.setObject(4, organisationId);
            postings.setObject(5, organisationId);
            Tokens tokens;
            try (ResultSet rs = postings.executeQuery()) {
                rs.next();
                tokens = new Tokens(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7));
            }
            invoices.setTimestamp(1, Timestamp.from(from));
            invoices.setTimestamp(2, Timestamp.from(to));
            invoices.setObject(3, organisationId);
            invoices.setObject(4, organisationId);
            Revenue revenue;
            try (ResultSet rs = invoices.executeQuery()) {
                rs.next();
                revenue = new Revenue(new Money(rs.getLong(1), currency), new Money(rs.getLong(2), currency),
                        new Money(rs.getLong(3), currency), rs.getLong(4), rs.getLong(5));
            }
            return new Report(month, organisationId, from, to, tokens, revenue);
        } catch (SQLException e) {
            throw new IllegalStateException("report unavailable: " + e.getMessage(), e);
        }
    }
}
