package dev.sessio.accounts.infra;

import dev.sessio.accounts.config.AccountsConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link IdentityProvider} on Keycloak's admin REST API, as the {@code accounts-service} confidential client
 * (client-credentials grant; its service account holds the realm-management roles it needs).
 */
@ApplicationScoped
public class KeycloakIdentityProvider implements IdentityProvider {

    static final String PARTNER_ROLE = "partner";

    private final AccountsConfig.Keycloak config;
    private volatile Keycloak keycloak;

    public KeycloakIdentityProvider(AccountsConfig config) {
        this.config = config.keycloak();
    }

    @Override
    public String createUser(NewUser user) {
        UserRepresentation rep = new UserRepresentation();
        rep.setUsername(user.email());
        rep.setEmail(user.email());
        rep.setFirstName(user.firstName());
        rep.setLastName(user.lastName());
        rep.setEnabled(user.enabled());
        rep.setEmailVerified(user.emailVerified());
        if (user.organisationId() != null) {
            rep.setAttributes(Map.of("org_id", List.of(user.organisationId().toString())));
        }
        if (user.password() != null) {
            rep.setCredentials(List.of(password(user.password())));
        }
        String id = call("create user", () -> {
            try (Response response = realm().users().create(rep)) {
                int status = response.getStatus();
                if (status == 409) {
                    throw new IdentityConflictException("a user with this email exists in Keycloak");
                }
                if (status == 400) {
                    String error = response.readEntity(String.class);
                    if (error != null && error.contains("invalidPassword")) {
                        throw new WeakPasswordException(error);
                    }
                    throw new IdentityProviderException("Keycloak refused the user: " + error, null);
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            call("assign role", () -> {
                realm().users().get(id).roles().realmLevel().add(List.of(availableRole(id, user.realmRole())));
                return null;
            });
        } catch (RuntimeException e) {
            deleteUser(id);
            throw e;
        }
        return id;
    }

    @Override
    public void deleteUser(String userId) {
        call("delete user", () -> {
            try (Response response = realm().users().delete(userId)) {
                if (response.getStatus() >= 300 && response.getStatus() != 404) {
                    throw new IdentityProviderException("Keycloak answered " + response.getStatus()
                            + " to deleting a user", null);
                }
            }
            return null;
        });
    }

    @Override
    public void activateUser(String userId) {
        updateUser(userId, rep -> {
            rep.setEnabled(true);
            rep.setEmailVerified(true);
        });
    }

    @Override
    public void setUserEnabled(String userId, boolean enabled) {
        updateUser(userId, rep -> rep.setEnabled(enabled));
        if (!enabled) {
            logout(userId);
        }
    }

    @Override
    public void updateName(String userId, String firstName, String lastName) {
        updateUser(userId, rep -> {
            rep.setFirstName(firstName);
            rep.setLastName(lastName);
        });
    }

    @Override
    public void setPassword(String userId, String password) {
        call("set password", () -> {
            try {
                realm().users().get(userId).resetPassword(password(password));
            } catch (WebApplicationException e) {
                if (e.getResponse() != null && e.getResponse().getStatus() == 400) {
                    throw new WeakPasswordException(body(e));
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public void logout(String userId) {
        call("log out", () -> {
            realm().users().get(userId).logout();
            return null;
        });
    }

    @Override
    public ClientCredentials createPartnerClient(String clientId, String displayName, UUID organisationId) {
        ClientRepresentation rep = new ClientRepresentation();
        rep.setClientId(clientId);
        rep.setName(displayName);
        rep.setEnabled(true);
        rep.setProtocol("openid-connect");
        rep.setPublicClient(false);
        rep.setClientAuthenticatorType("client-secret");
        rep.setServiceAccountsEnabled(true);
        rep.setStandardFlowEnabled(false);
        rep.setImplicitFlowEnabled(false);
        rep.setDirectAccessGrantsEnabled(false);
        rep.setFullScopeAllowed(true);
        rep.setProtocolMappers(List.of(orgIdClaim(organisationId)));
        String keycloakId = call("create client", () -> {
            try (Response response = realm().clients().create(rep)) {
                if (response.getStatus() == 409) {
                    throw new IdentityConflictException("a client with this id exists in Keycloak");
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
        try {
            return call("set up client", () -> {
                ClientResource client = realm().clients().get(keycloakId);
                UserRepresentation serviceAccount = client.getServiceAccountUser();
                realm().users().get(serviceAccount.getId()).roles().realmLevel()
                        .add(List.of(availableRole(serviceAccount.getId(), PARTNER_ROLE)));
                return new ClientCredentials(keycloakId, clientId, client.getSecret().getValue());
            });
        } catch (RuntimeException e) {
            deleteClient(keycloakId);
            throw e;
        }
    }

    @Override
    public String rotateClientSecret(String keycloakId) {
        return call("rotate secret", () -> realm().clients().get(keycloakId).generateNewSecret().getValue());
    }

    @Override
    public void setClientEnabled(String keycloakId, boolean enabled) {
        call("enable client", () -> {
            ClientResource client = realm().clients().get(keycloakId);
            ClientRepresentation rep = client.toRepresentation();
            rep.setEnabled(enabled);
            client.update(rep);
            return null;
        });
    }

    @Override
    public void deleteClient(String keycloakId) {
        call("delete client", () -> {
            try {
                realm().clients().get(keycloakId).remove();
            } catch (WebApplicationException e) {
                if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * The realm role as offered for this user's role mapping: reading roles directly needs {@code view-realm}, which
     * the service account does not have (manage-users is enough for this).
     */
    private RoleRepresentation availableRole(String userId, String name) {
        return realm().users().get(userId).roles().realmLevel().listAvailable().stream()
                .filter(role -> name.equals(role.getName())).findFirst()
                .orElseThrow(() -> new IdentityProviderException("realm role " + name + " cannot be mapped", null));
    }

    /** A claim fixed at creation: the partner's tokens say which organisation they act for. */
    private static ProtocolMapperRepresentation orgIdClaim(UUID organisationId) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("org_id");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
        mapper.setConfig(Map.of(
                "claim.name", "org_id",
                "claim.value", organisationId.toString(),
                "jsonType.label", "String",
                "access.token.claim", "true",
                "id.token.claim", "false",
                "introspection.token.claim", "true",
                "userinfo.token.claim", "false"));
        return mapper;
    }

    private void updateUser(String userId, java.util.function.Consumer<UserRepresentation> change) {
        call("update user", () -> {
            UserResource user = realm().users().get(userId);
            UserRepresentation rep = user.toRepresentation();
            change.accept(rep);
            user.update(rep);
            return null;
        });
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    private static String body(WebApplicationException e) {
        try {
            return e.getResponse().readEntity(String.class);
        } catch (RuntimeException unreadable) {
            return e.getMessage();
        }
    }

    /** Translates transport and HTTP errors into {@link IdentityProviderException}; keeps the port's own ones. */
    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (IdentityConflictException | WeakPasswordException | IdentityProviderException e) {
            throw e;
        } catch (WebApplicationException | ProcessingException e) {
            Log.warnf("Keycloak call failed (%s): %s", what, e.getMessage());
            throw new IdentityProviderException("Keycloak call failed: " + what, e);
        }
    }

    private RealmResource realm() {
        return client().realm(config.realm());
    }

    private Keycloak client() {
        Keycloak current = keycloak;
        if (current == null) {
            synchronized (this) {
                if (keycloak == null) {
                    String secret = config.clientSecret().orElseThrow(() -> new IdentityProviderException(
                            "accounts.keycloak.client-secret (SESSIO_KEYCLOAK_ADMIN_CLIENT_SECRET) is not set", null));
                    keycloak = KeycloakBuilder.builder()
                            .serverUrl(config.url())
                            .realm(config.realm())
                            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                            .clientId(config.clientId())
                            .clientSecret(secret)
                            .build();
                }
                current = keycloak;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
