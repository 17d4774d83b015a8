package dev.sessio.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The organisation's usable token balance as tokens-service last told it ({@code balanceAfter}), or 0 for an
 * organisation accounts-service registered and the ledger has not spoken of yet. Only a fast refusal:
 * tokens-service's ledger decides, and an organisation we never heard of is let through to it.
 */
@Entity
@Table(name = "organisation_balance")
public class OrganisationBalance extends PanacheEntityBase {

    @Id
    public UUID organisationId;
    public int balance;
    public Instant updatedAt;
    public String lastEventId;
}
