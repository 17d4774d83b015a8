package dev.sessio.accounts.domain;

import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.events.accounts.PersonalDataErased;
import dev.sessio.runtime.outbox.Outbox;
import dev.sessio.runtime.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GDPR: everything held about a person (export), and erasure. */
@ApplicationScoped
public class PersonalData {

    private final IdentityProvider identity;
    private final Outbox outbox;
    private final Clock clock;

    public PersonalData(IdentityProvider identity, Outbox outbox, Clock clock) {
        this.identity = identity;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The caller's data as held by this service (credentials are Keycloak's and never readable). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Object> export(String userId) {
        Member member = AccountDirectory.liveMember(userId);
        Map<String, Object> export = new LinkedHashMap<>();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("userId", member.userId);
        account.put("email", member.email);
        account.put("firstName", member.firstName);
        account.put("lastName", member.lastName);
        account.put("phone", member.phone);
        account.put("locale", member.locale);
        account.put("role", member.role.realmRole());
        account.put("status", member.status);
        account.put("createdAt", member.createdAt);
        account.put("updatedAt", member.updatedAt);
        if (member.role == Role.STUDENT) {
            account.put("accommodations", Map.of("rqth", member.rqth, "recordingAllowed", member.recordingAllowed,
                    "extraTimePercent", member.extraTimePercent == null ? 0 : member.extraTimePercent,
                    "notes", member.accommodationNotes == null ? "" : member.accommodationNotes));
        }
        export.put("account", account);
        if (member.organisationId != null) {
            Organisation.byId(member.organisationId).ifPresent(o -> export.put("organisation",
                    Map.of("id", o.id, "name", o.name)));
        }
        List<Map<String, Object>> invitations = Member.<Member>list("invitedBy", Sort.by("createdAt"), userId)
                .stream().map(m -> Map.<String, Object>of("role", m.role.realmRole(),
                        "status", m.status, "invitedAt", m.createdAt)).toList();
        export.put("invitationsSent", invitations);
        List<Map<String, Object>> clients = ApiClient.<ApiClient>list("createdBy", Sort.by("createdAt"), userId)
                .stream().map(c -> Map.<String, Object>of("name", c.name, "clientId", c.clientId,
                        "createdAt", c.createdAt)).toList();
        export.put("apiClientsCreated", clients);
        List<Map<String, Object>> links = ActionToken.<ActionToken>list("memberId", Sort.by("createdAt"), member.id)
                .stream().map(t -> {
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("purpose", t.purpose);
                    link.put("issuedAt", t.createdAt);
                    link.put("expiresAt", t.expiresAt);
                    link.put("usedAt", t.usedAt);
                    return link;
                }).toList();
        export.put("emailLinks", links);
        return export;
    }

    /**
     * Deletes the Keycloak user and anonymises the member row (kept so that invoices and audit still add up), then
     * records {@code PersonalDataErased} for the other services. The last administrator of an organisation that
     * still has other members must hand over first.
     */
    @Transactional
    public void erase(String userId) {
        Instant now = clock.instant();
        Member member = AccountDirectory.liveMember(userId);
        if (member.organisationId != null && member.role == Role.SCHOOL_ADMIN
                && Member.activeAdmins(member.organisationId) <= 1
                && Member.count("organisationId = ?1 and status in ?2 and id <> ?3", member.organisationId,
                Member.Status.LIVE, member.id) > 0) {
            throw ProblemException.conflict("last-admin", "Last administrator",
                    "Make another member administrator before erasing the organisation's last administrator");
        }
        member.email = "erased-" + member.id + "@erased.invalid";
        member.firstName = null;
        member.lastName = null;
        member.phone = null;
        member.rqth = false;
        member.recordingAllowed = false;
        member.extraTimePercent = null;
        member.accommodationNotes = null;
        member.status = Member.Status.ERASED;
        member.updatedAt = now;
        for (ActionToken.Purpose purpose : ActionToken.Purpose.values()) {
            ActionToken.revokeOutstanding(purpose, member.id, now);
        }
        outbox.record(new PersonalDataErased(userId, member.organisationId), userId, "user/" + userId);
        Member.flush();
        // Last step: it cannot be undone, so everything that could fail has already run.
        identity.deleteUser(userId);
    }
}
