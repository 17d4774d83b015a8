package dev.sessio.tokens.domain;

import dev.sessio.events.tokens.TokenDebitRejected;
import dev.sessio.events.tokens.TokenDebited;
import dev.sessio.events.tokens.TokenRefunded;
import dev.sessio.events.tokens.TokensCredited;
import dev.sessio.events.tokens.TokensExpired;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.ledger.Cause;
import dev.sessio.tokens.domain.ledger.DebitRequest;
import dev.sessio.tokens.domain.ledger.LedgerStore;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitDone;
import dev.sessio.tokens.domain.ledger.LedgerStore.DebitRefused;
import dev.sessio.tokens.domain.ledger.LedgerStore.LotRow;
import dev.sessio.tokens.domain.ledger.LedgerStore.Posted;
import dev.sessio.tokens.domain.ledger.LedgerStore.PostingRow;
import dev.sessio.tokens.domain.ledger.SchoolYear;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The token ledger of every organisation: credits, debits (oldest expiry first), refunds and expiries, each posted
 * once per cause with its event recorded in the outbox in the same transaction.
 */
@ApplicationScoped
public class TokenLedger {

    private static final Logger LOG = Logger.getLogger(TokenLedger.class);

    public record Balance(int available, List<LotRow> lots, int expiringSoon, Instant expiringSoonBefore) {
    }

    public record Page(List<PostingRow> postings, long total) {
    }

    private final DataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;
    private final TokensConfig config;
    private final LedgerStore store = new LedgerStore();

    public TokenLedger(DataSource dataSource, Outbox outbox, Clock clock, TokensConfig config) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public SchoolYear schoolYear() {
        return new SchoolYear(config.validity().schoolYearLastDay(), config.validity().zone());
    }

    /** Credits a lot valid until the end of the current school year, unless {@code expiresAt} says otherwise. */
    @Transactional
    public Posted credit(UUID organisationId, Cause cause, int quantity, Instant expiresAt,
                         TokensCredited.Reason reason, UUID orderId, String note) {
        Instant now = clock.instant();
        // Whole seconds: the database keeps microseconds, and a lot is found again by its exact expiry.
        Instant expiry = (expiresAt != null ? expiresAt : schoolYear().endFor(now)).truncatedTo(ChronoUnit.SECONDS);
        Posted posted = sql(c -> store.credit(c, organisationId, cause, quantity, expiry, reason.name(), orderId, note,
                now));
        if (!posted.alreadyApplied()) {
            outbox.record(new TokensCredited(organisationId, posted.posting().id(), quantity, expiry, reason, orderId,
                    posted.usableAfter()), organisationId, subject(organisationId));
        }
        return posted;
    }

    /** One registration to pay for with a token. */
    public record RegistrationDebit(UUID organisationId, UUID registrationId, UUID sessionId) {
    }

    /**
     * Debits one token for a registration and emits {@code TokenDebited}, or emits {@code TokenDebitRejected}.
     * A registration already debited is answered again with the same posting (the saga may ask twice).
     */
    @Transactional
    public boolean debitForRegistration(UUID organisationId, UUID registrationId, UUID sessionId) {
        return debitForRegistrations(List.of(new RegistrationDebit(organisationId, registrationId, sessionId)))
                .getFirst();
    }

    /**
     * {@link #debitForRegistration} for each registration of a batch, in order, in the caller's transaction: each
     * organisation's account is locked once for the whole batch ({@link LedgerStore#debitAll}), and each answer's
     * event is recorded in the outbox in the batch's order.
     *
     * @return per registration, in order: debited (or already debited) or refused
     */
    @Transactional
    public List<Boolean> debitForRegistrations(List<RegistrationDebit> debits) {
        Instant now = clock.instant();
        List<DebitRequest> requests = debits.stream().map(d -> new DebitRequest(d.organisationId(),
                Cause.registration(d.registrationId()), d.sessionId())).toList();
        List<LedgerStore.DebitResult> results = sql(c -> store.debitAll(c, requests, now));
        List<Boolean> debited = new ArrayList<>(results.size());
        List<Outbox.Pending> answers = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            RegistrationDebit d = debits.get(i);
            UUID organisationId = d.organisationId();
            switch (results.get(i)) {
                case DebitDone done -> {
                    PostingRow posting = done.posted().posting();
                    answers.add(new Outbox.Pending(new TokenDebited(organisationId, posting.id(), d.registrationId(),
                            d.sessionId(), posting.lotExpiresAt(), done.posted().usableAfter()), organisationId,
                            subject(organisationId)));
                    debited.add(true);
                }
                case DebitRefused refused -> {
                    answers.add(new Outbox.Pending(new TokenDebitRejected(organisationId, d.registrationId(),
                            d.sessionId(), TokenDebitRejected.Reason.INSUFFICIENT_TOKENS, refused.usableBalance()),
                            organisationId, subject(organisationId)));
                    debited.add(false);
                }
            }
        }
        outbox.recordAll(answers);   // one statement for the batch's answers, in order
        return debited;
    }

    /** Refunds the token a registration took, once; a registration never debited gets nothing. */
    @Transactional
    public Optional<Posted> refundRegistration(UUID organisationId, UUID registrationId) {
        Instant now = clock.instant();
        Optional<Posted> refunded = sql(c -> store.refund(c, organisationId, Cause.registration(registrationId), now));
        refunded.filter(p -> !p.alreadyApplied()).ifPresent(p -> outbox.record(new TokenRefunded(organisationId,
                p.posting().id(), registrationId, p.posting().sessionId(), 1, p.posting().lotExpiresAt(),
                p.usableAfter()), organisationId, subject(organisationId)));
        if (refunded.isEmpty()) {
            LOG.infof("registration %s of %s was never debited: nothing to refund", registrationId, organisationId);
        }
        return refunded;
    }

    /** Refunds every debit of a cancelled session not refunded yet. */
    @Transactional
    public int refundSession(UUID sessionId) {
        List<PostingRow> debits = sql(c -> store.unrefundedDebitsOfSession(c, sessionId));
        int refunded = 0;
        for (PostingRow debit : debits) {
            if (refundRegistration(debit.organisationId(), debit.cause().id()).filter(p -> !p.alreadyApplied())
                    .isPresent()) {
                refunded++;
            }
        }
        return refunded;
    }

    /** Writes off what is left in one expired lot (emits {@code TokensExpired}); nothing when already done. */
    @Transactional
    public Optional<Posted> expireLot(UUID lotId, Instant now) {
        Optional<Posted> expired = sql(c -> store.expire(c, lotId, now));
        expired.ifPresent(p -> outbox.record(new TokensExpired(p.posting().organisationId(), p.posting().id(),
                -p.posting().quantity(), p.posting().lotExpiresAt(), p.usableAfter()), p.posting().organisationId(),
                subject(p.posting().organisationId())));
        return expired;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Balance balance(UUID organisationId) {
        Instant now = clock.instant();
        Instant soon = now.plus(config.expiry().warnBefore());
        List<LotRow> lots = sql(c -> store.lots(c, organisationId, now));
        int available = lots.stream().mapToInt(LotRow::remaining).sum();
        int expiring = lots.stream().filter(l -> !l.expiresAt().isAfter(soon)).mapToInt(LotRow::remaining).sum();
        return new Balance(available, lots, expiring, soon);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PostingRow> posting(UUID postingId) {
        return sql(c -> store.byId(c, postingId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page postings(UUID organisationId, int page, int size) {
        return sql(c -> new Page(store.page(c, organisationId, page, size), store.count(c, organisationId)));
    }

    static String subject(UUID organisationId) {
        return "organisation/" + organisationId;
    }

    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("ledger unavailable: " + e.getMessage(), e);
        }
    }

    /** The expiry job's work list: lots of any organisation past their expiry at {@code now} with tokens left. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> lotsDue(Instant now, int limit) {
        return sql(c -> {
            List<UUID> ids = new ArrayList<>();
            try (var select = c.prepareStatement(
                    "SELECT id FROM token_lot WHERE remaining > 0 AND expires_at <= ? ORDER BY expires_at LIMIT ?")) {
                select.setTimestamp(1, java.sql.Timestamp.from(now));
                select.setInt(2, limit);
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }
}
