package dev.sessio.accounts.domain;

import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;

import java.util.HexFormat;
import java.util.UUID;

/**
 * API clients for a school's own systems: Keycloak confidential clients (client-credentials grant) whose tokens
 * carry role {@code partner} and the school's {@code org_id}. The secret is shown once and never stored here.
 */
@ApplicationScoped
public class PartnerClients {

    /** A client with its secret, only right after creation or rotation. */
    public record WithSecret(ApiClient client, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final AccountsConfig config;
    private final Clock clock;

    public PartnerClients(IdentityProvider identity, Compensations compensations, AccountsConfig config, Clock clock) {
        this.identity = identity;
        this.compensations = compensations;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public WithSecret create(UUID organisationId, String createdBy, String name) {
        Organisation organisation = Organisation.byId(organisationId)
                .orElseThrow(() -> ProblemException.notFound("Organisation " + organisationId));
        if (organisation.status != Organisation.Status.ACTIVE) {
            throw AccountProblems.invalidStatus("The organisation is " + organisation.status
                    + "; API clients can be created only for an active organisation");
        }
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String clientId = config.keycloak().partnerClientPrefix() + organisationId.toString().substring(0, 8) + "-"
                + HexFormat.of().formatHex(suffix);
        IdentityProvider.ClientCredentials credentials = identity.createPartnerClient(clientId,
                name + " (" + organisation.name + ")", organisationId);
        compensations.onRollback("delete Keycloak client " + clientId,
                () -> identity.deleteClient(credentials.keycloakId()));
        ApiClient client = new ApiClient();
        client.id = UUID.randomUUID();
        client.organisationId = organisationId;
        client.name = name.trim();
        client.clientId = clientId;
        client.keycloakId = credentials.keycloakId();
        client.createdBy = createdBy;
        client.createdAt = clock.instant();
        client.persist();
        return new WithSecret(client, credentials.secret());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiClient> list(UUID organisationId, int page, int size) {
        var query = ApiClient.<ApiClient>find("organisationId = ?1 and revokedAt is null",
                Sort.by("createdAt").and("id"), organisationId);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    /** A new secret; the old one stops working at once. */
    @Transactional
    public WithSecret rotate(UUID organisationId, UUID id) {
        ApiClient client = live(organisationId, id);
        String secret = identity.rotateClientSecret(client.keycloakId);
        client.secretRotatedAt = clock.instant();
        return new WithSecret(client, secret);
    }

    /** Deletes the Keycloak client: no new token can be obtained with its credentials. */
    @Transactional
    public void revoke(UUID organisationId, UUID id) {
        ApiClient client = live(organisationId, id);
        client.revokedAt = clock.instant();
        ApiClient.flush();
        identity.deleteClient(client.keycloakId);
    }

    private static ApiClient live(UUID organisationId, UUID id) {
        return ApiClient.<ApiClient>findByIdOptional(id)
                .filter(c -> organisationId.equals(c.organisationId) && !c.isRevoked())
                .orElseThrow(() -> ProblemException.notFound("API client " + id));
    }

}
