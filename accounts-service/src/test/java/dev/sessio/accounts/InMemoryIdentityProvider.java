package dev.sessio.accounts;

import dev.sessio.accounts.infra.IdentityConflictException;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.accounts.infra.IdentityProviderException;
import dev.sessio.accounts.infra.WeakPasswordException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of the Keycloak port for the fast resource tests: behaves like the realm (unique emails, password
 * policy of 12 characters) and can be told to fail. The *IT tests run against a real Keycloak instead
 * ({@link RealKeycloak} switches this bean off).
 */
@Alternative
@Priority(1)
@ApplicationScoped
@IfBuildProperty(name = "sessio-test.real-keycloak", stringValue = "false", enableIfMissing = true)
public class InMemoryIdentityProvider implements IdentityProvider {

    public static final class User {
        public final String id;
        public final String email;
        public volatile String firstName;
        public volatile String lastName;
        public volatile String password;
        public final UUID organisationId;
        public final String realmRole;
        public volatile boolean enabled;
        public volatile boolean emailVerified;
        public volatile int logouts;

        User(String id, NewUser u) {
            this.id = id;
            this.email = u.email();
            this.firstName = u.firstName();
            this.lastName = u.lastName();
            this.password = u.password();
            this.organisationId = u.organisationId();
            this.realmRole = u.realmRole();
            this.enabled = u.enabled();
            this.emailVerified = u.emailVerified();
        }
    }

    public static final class Client {
        public final String keycloakId;
        public final String clientId;
        public final UUID organisationId;
        public volatile String secret;
        public volatile boolean enabled = true;

        Client(String keycloakId, String clientId, UUID organisationId, String secret) {
            this.keycloakId = keycloakId;
            this.clientId = clientId;
            this.organisationId = organisationId;
            this.secret = secret;
        }
    }

    // Private with accessors: tests see this bean through its client proxy, which has no state of its own.
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile Runnable afterCreateUser = () -> { };

    /** The next call of this operation (method name) fails as if Keycloak were down. */
    public void failNext(String operation) {
        failing.add(operation);
    }

    /** Runs once right after the next user is created, e.g. to make a concurrent sign-up win the race. */
    public void afterNextCreateUser(Runnable hook) {
        afterCreateUser = hook;
    }

    public Map<String, User> users() {
        return users;
    }

    public Map<String, Client> clients() {
        return clients;
    }

    public User userByEmail(String email) {
        return users.values().stream().filter(u -> u.email.equals(email)).findFirst().orElse(null);
    }

    public void reset() {
        failing.clear();
        afterCreateUser = () -> { };
    }

    private void maybeFail(String operation) {
        if (failing.remove(operation)) {
            throw new IdentityProviderException("simulated outage: " + operation, null);
        }
    }

    @Override
    public String createUser(NewUser user) {
        maybeFail("createUser");
        if (user.password() != null && user.password().length() < 12) {
            throw new WeakPasswordException("invalidPasswordMinLengthMessage");
        }
        synchronized (users) {
            if (userByEmail(user.email()) != null) {
                throw new IdentityConflictException("exists");
            }
            String id = UUID.randomUUID().toString();
            users.put(id, new User(id, user));
            Runnable hook = afterCreateUser;
            afterCreateUser = () -> { };
            hook.run();
            return id;
        }
    }

    @Override
    public void deleteUser(String userId) {
        maybeFail("deleteUser");
        users.remove(userId);
    }

    @Override
    public void activateUser(String userId) {
        maybeFail("activateUser");
        User user = existing(userId);
        user.enabled = true;
        user.emailVerified = true;
    }

    @Override
    public void setUserEnabled(String userId, boolean enabled) {
        maybeFail("setUserEnabled");
        existing(userId).enabled = enabled;
        if (!enabled) {
            existing(userId).logouts++;
        }
    }

    @Override
    public void updateName(String userId, String firstName, String lastName) {
        maybeFail("updateName");
        User user = existing(userId);
        user.firstName = firstName;
        user.lastName = lastName;
    }

    @Override
    public void setPassword(String userId, String password) {
        maybeFail("setPassword");
        if (password.length() < 12) {
            throw new WeakPasswordException("invalidPasswordMinLengthMessage");
        }
        existing(userId).password = password;
    }

    @Override
    public void logout(String userId) {
        maybeFail("logout");
        existing(userId).logouts++;
    }

    @Override
    public ClientCredentials createPartnerClient(String clientId, String displayName, UUID organisationId) {
        maybeFail("createPartnerClient");
        String id = UUID.randomUUID().toString();
        Client client = new Client(id, clientId, organisationId, UUID.randomUUID().toString());
        clients.put(id, client);
        return new ClientCredentials(id, clientId, client.secret);
    }

    @Override
    public String rotateClientSecret(String keycloakId) {
        maybeFail("rotateClientSecret");
        Client client = clients.get(keycloakId);
        client.secret = UUID.randomUUID().toString();
        return client.secret;
    }

    @Override
    public void setClientEnabled(String keycloakId, boolean enabled) {
        maybeFail("setClientEnabled");
        clients.get(keycloakId).enabled = enabled;
    }

    @Override
    public void deleteClient(String keycloakId) {
        maybeFail("deleteClient");
        clients.remove(keycloakId);
    }

    private User existing(String userId) {
        User user = users.get(userId);
        if (user == null) {
            throw new IdentityProviderException("no such user " + userId, null);
        }
        return user;
    }
}
