package dev.sessio.accounts.domain;

import dev.sessio.accounts.infra.Compensations;
import dev.sessio.accounts.infra.IdentityProvider;
import dev.sessio.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The caller's own account and organisation. */
@ApplicationScoped
public class AccountDirectory {

    /** Personal data a user may change; null leaves a field as it is. */
    public record ProfileChanges(String firstName, String lastName, String phone, String locale) {
    }

    /**
     * Organisation data an admin may change; null leaves a field as it is, an empty string clears an optional one.
     */
    public record OrganisationChanges(String name, PostalAddress address, PostalAddress billingAddress,
                                      String vatNumber, String chorusSiret, String chorusServiceCode,
                                      String chorusCommitmentNumber) {
    }

    public record Account(Member member, Optional<Organisation> organisation) {
    }

    private final IdentityProvider identity;
    private final Compensations compensations;
    private final Clock clock;

    public AccountDirectory(IdentityProvider identity, Compensations compensations, Clock clock) {
        this.identity = identity;
        this.compensations = compensations;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Account account(String userId) {
        Member member = liveMember(userId);
        return new Account(member, Optional.ofNullable(member.organisationId).flatMap(Organisation::byId));
    }

    @Transactional
    public Account updateProfile(String userId, ProfileChanges changes) {
        Member member = liveMember(userId);
        String firstName = changes.firstName() == null ? member.firstName : changes.firstName().trim();
        String lastName = changes.lastName() == null ? member.lastName : changes.lastName().trim();
        if (!Objects.equals(firstName, member.firstName) || !Objects.equals(lastName, member.lastName)) {
            String oldFirst = member.firstName;
            String oldLast = member.lastName;
            identity.updateName(member.userId, firstName, lastName);
            compensations.onRollback("restore the name of Keycloak user " + member.userId,
                    () -> identity.updateName(member.userId, oldFirst, oldLast));
        }
        member.firstName = firstName;
        member.lastName = lastName;
        if (changes.phone() != null) {
            member.phone = changes.phone().isBlank() ? null : changes.phone().trim();
        }
        if (changes.locale() != null) {
            member.locale = changes.locale();
        }
        member.updatedAt = clock.instant();
        return new Account(member, Optional.ofNullable(member.organisationId).flatMap(Organisation::byId));
    }

    @Transactional
    public Organisation updateOrganisation(UUID organisationId, OrganisationChanges changes) {
        Organisation organisation = Organisation.byId(organisationId)
                .orElseThrow(() -> ProblemException.notFound("Organisation " + organisationId));
        if (changes.name() != null) {
            organisation.name = changes.name().trim();
        }
        if (changes.address() != null) {
            organisation.street = changes.address().street();
            organisation.postalCode = changes.address().postalCode();
            organisation.city = changes.address().city();
            organisation.country = changes.address().country() == null ? "FR" : changes.address().country();
        }
        if (changes.billingAddress() != null) {
            organisation.billingStreet = changes.billingAddress().street();
            organisation.billingPostalCode = changes.billingAddress().postalCode();
            organisation.billingCity = changes.billingAddress().city();
            organisation.billingCountry = changes.billingAddress().country() == null ? "FR"
                    : changes.billingAddress().country();
        }
        organisation.vatNumber = SchoolIdentifiers.normalise(change(organisation.vatNumber, changes.vatNumber()));
        organisation.chorusSiret = SchoolIdentifiers.normalise(change(organisation.chorusSiret,
                changes.chorusSiret()));
        organisation.chorusServiceCode = change(organisation.chorusServiceCode, changes.chorusServiceCode());
        organisation.chorusCommitmentNumber = change(organisation.chorusCommitmentNumber,
                changes.chorusCommitmentNumber());
        return organisation;
    }

    private static String change(String current, String requested) {
        if (requested == null) {
            return current;
        }
        return requested.isBlank() ? null : requested.trim();
    }

    static Member liveMember(String userId) {
        return Member.byUserId(userId).filter(m -> m.status == Member.Status.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("Account"));
    }
}
