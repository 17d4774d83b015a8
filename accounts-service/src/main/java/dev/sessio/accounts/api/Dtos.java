package dev.sessio.accounts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sessio.accounts.api.validation.Siret;
import dev.sessio.accounts.api.validation.Uai;
import dev.sessio.accounts.api.validation.VatNumber;
import dev.sessio.accounts.domain.ApiClient;
import dev.sessio.accounts.domain.Member;
import dev.sessio.accounts.domain.Organisation;
import dev.sessio.accounts.domain.Page;
import dev.sessio.accounts.domain.PostalAddress;
import dev.sessio.accounts.domain.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Request and answer bodies of the accounts API. */
public final class Dtos {

    private Dtos() {
    }

    static final String PHONE = "^\\+?[0-9 .()-]{6,20}$";
    static final String COUNTRY = "^[A-Z]{2}$";
    static final String LOCALE = "^[a-z]{2}(-[A-Z]{2})?$";

    // ---------------------------------------------------------------- requests

    public record Address(@NotBlank @Size(max = 200) String street,
                          @NotBlank @Size(max = 10) String postalCode,
                          @NotBlank @Size(max = 100) String city,
                          @Pattern(regexp = COUNTRY, message = "must be an ISO 3166 country code such as FR") String country) {
        PostalAddress toDomain() {
            return new PostalAddress(street.trim(), postalCode.trim(), city.trim(), country);
        }
    }

    public record SignUpOrganisation(@NotBlank @Size(max = 200) String name,
                                     @Uai String uai,
                                     @Siret String siret,
                                     @NotNull @Valid Address address) {
    }

    public record SignUpAdmin(@NotBlank @Email @Size(max = 254) String email,
                              @NotBlank @Size(min = 12, max = 128) String password,
                              @NotBlank @Size(max = 100) String firstName,
                              @NotBlank @Size(max = 100) String lastName,
                              @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    public record SignUpRequest(@NotNull @Valid SignUpOrganisation organisation,
                                @NotNull @Valid SignUpAdmin admin,
                                @NotNull @AssertTrue(message = "must be true: the terms must be accepted") Boolean acceptTerms,
                                @Pattern(regexp = LOCALE, message = "must be a language code such as fr") String locale) {
    }

    public record TokenRequest(@NotBlank @Size(max = 200) String token) {
    }

    public record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    public record PasswordResetConfirmation(@NotBlank @Size(max = 200) String token,
                                            @NotBlank @Size(min = 12, max = 128) String newPassword) {
    }

    public record ProfileUpdate(@Size(min = 1, max = 100) String firstName,
                                @Size(min = 1, max = 100) String lastName,
                                @Pattern(regexp = "^$|" + PHONE, message = "must be a phone number") String phone,
                                @Pattern(regexp = LOCALE, message = "must be a language code such as fr") String locale) {
    }

    public record ChorusPro(@Siret String siret,
                            @Size(max = 100) String serviceCode,
                            @Size(max = 50) String commitmentNumber) {
    }

    public record Billing(@Valid Address address,
                          @VatNumber String vatNumber,
                          @Valid ChorusPro chorusPro) {
    }

    public record OrganisationUpdate(@Size(min = 1, max = 200) String name,
                                     @Valid Address address,
                                     @Valid Billing billing) {
    }

    public record InvitationRequest(@NotBlank @Email @Size(max = 254) String email,
                                    @NotBlank @Pattern(regexp = "^(school-admin|school-staff)$",
                                            message = "must be school-admin or school-staff") String role,
                                    @Pattern(regexp = LOCALE, message = "must be a language code such as fr") String locale) {
    }

    public record InvitationAcceptance(@NotBlank @Size(max = 200) String token,
                                       @NotBlank @Size(min = 12, max = 128) String password,
                                       @NotBlank @Size(max = 100) String firstName,
                                       @NotBlank @Size(max = 100) String lastName,
                                       @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    public record ApiClientRequest(@NotBlank @Size(max = 100) String name) {
    }

    public record SuspensionRequest(@Size(max = 500) String reason) {
    }

    // ---------------------------------------------------------------- answers

    public record SignUpAnswer(UUID organisationId, Organisation.Status status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChorusProView(String siret, String serviceCode, String commitmentNumber) {
    }

    public record BillingView(Address address, String vatNumber, ChorusProView chorusPro) {
    }

    public record OrganisationView(UUID id, String name, String uai, String siret, Address address,
                                   Organisation.Status status, BillingView billing, Instant createdAt,
                                   Instant verifiedAt) {
        static OrganisationView of(Organisation o) {
            Address billingAddress = o.billingStreet == null ? null
                    : new Address(o.billingStreet, o.billingPostalCode, o.billingCity, o.billingCountry);
            ChorusProView chorus = o.chorusSiret == null && o.chorusServiceCode == null
                    && o.chorusCommitmentNumber == null ? null
                    : new ChorusProView(o.chorusSiret, o.chorusServiceCode, o.chorusCommitmentNumber);
            return new OrganisationView(o.id, o.name, o.uai, o.siret,
                    new Address(o.street, o.postalCode, o.city, o.country), o.status,
                    new BillingView(billingAddress, o.vatNumber, chorus), o.createdAt, o.verifiedAt);
        }
    }

    /** What ops see: the organisation and why it is suspended. */
    public record OpsOrganisationView(OrganisationView organisation, Instant suspendedAt, String suspensionReason) {
        static OpsOrganisationView of(Organisation o) {
            return new OpsOrganisationView(OrganisationView.of(o), o.suspendedAt, o.suspensionReason);
        }
    }

    public record MemberView(UUID id, String userId, String email, String firstName, String lastName, String phone,
                             Role role, Member.Status status, Instant createdAt) {
        static MemberView of(Member m) {
            return new MemberView(m.id, m.userId, m.email, m.firstName, m.lastName, m.phone, m.role, m.status,
                    m.createdAt);
        }
    }

    public record InvitationView(UUID memberId, String email, Role role, Member.Status status, Instant expiresAt) {
    }

    public record AcceptedInvitation(String userId, UUID organisationId, Role role) {
    }

    public record Me(MemberView user, OrganisationView organisation, Set<String> roles) {
    }

    public record ApiClientView(UUID id, String name, String clientId, Instant createdAt, Instant secretRotatedAt) {
        static ApiClientView of(ApiClient c) {
            return new ApiClientView(c.id, c.name, c.clientId, c.createdAt, c.secretRotatedAt);
        }
    }

    /** Shown once: the secret is not kept by Sessio and cannot be read again. */
    public record ApiClientWithSecret(UUID id, String name, String clientId, String clientSecret,
                                      Instant createdAt) {
    }

    public record PageView<T>(List<T> items, int page, int size, long total) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total());
        }
    }
}
