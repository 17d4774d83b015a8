package dev.sessio.accounts.domain;

import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.events.accounts.OrganisationReactivated;
import dev.sessio.events.accounts.OrganisationSuspended;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** What Sessio's operations staff do with organisations: find them, suspend them, reactivate them. */
@ApplicationScoped
public class OrganisationOps {

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final Outbox outbox;
    private final Clock clock;

    public OrganisationOps(IdentityProvider identity, Compensations compensations, Outbox outbox, Clock clock) {
        this.identity = identity;
        this.compensations = compensations;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** By part of the name (case-insensitive) or exact UAI / SIRET, optionally by status; newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Organisation> search(String text, Organisation.Status status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(name) like :text or uai = :id or siret = :id)");
            parameters.and("text", "%" + text.trim().toLowerCase().replace("%", "\\%") + "%")
                    .and("id", SchoolIdentifiers.normalise(text.trim()));
        }
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        var query = Organisation.<Organisation>find(where.toString(), Sort.descending("createdAt").and("id"),
                parameters);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Organisation get(UUID id) {
        return Organisation.byId(id).orElseThrow(() -> ProblemException.notFound("Organisation " + id));
    }

    /** Its users can no longer log in (sessions end) and its API clients obtain no token. */
    @Transactional
    public Organisation suspend(UUID id, String reason) {
        Organisation organisation = get(id);
        if (organisation.status == Organisation.Status.SUSPENDED) {
            throw AccountProblems.invalidStatus("The organisation is already suspended");
        }
        organisation.status = Organisation.Status.SUSPENDED;
        organisation.suspendedAt = clock.instant();
        organisation.suspensionReason = reason;
        setAccess(organisation.id, false);
        outbox.record(new OrganisationSuspended(organisation.id, reason), organisation.id,
                "organisation/" + organisation.id);
        return organisation;
    }

    @Transactional
    public Organisation reactivate(UUID id) {
        Organisation organisation = get(id);
        if (organisation.status != Organisation.Status.SUSPENDED) {
            throw AccountProblems.invalidStatus("Only a suspended organisation can be reactivated");
        }
        organisation.status = organisation.verifiedAt == null ? Organisation.Status.PENDING_VERIFICATION
                : Organisation.Status.ACTIVE;
        organisation.suspendedAt = null;
        organisation.suspensionReason = null;
        setAccess(organisation.id, true);
        outbox.record(new OrganisationReactivated(organisation.id), organisation.id,
                "organisation/" + organisation.id);
        return organisation;
    }

    /** Active members' users and live API clients, switched together; undone if the transaction rolls back. */
    private void setAccess(UUID organisationId, boolean enabled) {
        List<Member> members = Member.list("organisationId = ?1 and status = ?2 and userId is not null",
                organisationId, Member.Status.ACTIVE);
        for (Member member : members) {
            identity.setUserEnabled(member.userId, enabled);
            compensations.onRollback("restore Keycloak user " + member.userId,
                    () -> identity.setUserEnabled(member.userId, !enabled));
        }
        List<ApiClient> clients = ApiClient.list("organisationId = ?1 and revokedAt is null", organisationId);
        for (ApiClient client : clients) {
            identity.setClientEnabled(client.keycloakId, enabled);
            compensations.onRollback("restore Keycloak client " + client.clientId,
                    () -> identity.setClientEnabled(client.keycloakId, !enabled));
        }
    }
}
