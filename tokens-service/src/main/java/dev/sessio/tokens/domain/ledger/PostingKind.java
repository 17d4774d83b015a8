package dev.sessio.tokens.domain.ledger;

/** What a posting did to an organisation's tokens. Credits and refunds are positive, debits and expiries negative. */
public enum PostingKind {
    CREDIT, DEBIT, REFUND, EXPIRY
}
