package dev.sessio.accounts.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.accounts.api.Dtos.AcceptedInvitation;
import dev.sessio.accounts.api.Dtos.EmailRequest;
import dev.sessio.accounts.api.Dtos.InvitationAcceptance;
import dev.sessio.accounts.api.Dtos.PasswordResetConfirmation;
import dev.sessio.accounts.api.Dtos.SignUpAnswer;
import dev.sessio.accounts.api.Dtos.SignUpRequest;
import dev.sessio.accounts.api.Dtos.TokenRequest;
import dev.sessio.accounts.config.AccountsConfig;
import dev.sessio.accounts.domain.AccountProblems;
import dev.sessio.accounts.domain.Member;
import dev.sessio.accounts.domain.Membership;
import dev.sessio.accounts.domain.Organisation;
import dev.sessio.accounts.domain.PasswordReset;
import dev.sessio.accounts.domain.RateLimiter;
import dev.sessio.accounts.domain.Registration;
import dev.sessio.accounts.domain.SignUp;
import dev.sessio.runtime.idempotency.Idempotent;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.net.URI;

/** What anyone may call without an account: sign-up, email confirmation, password reset, accepting an invitation. */
@Bulkheaded
@Path("/api/accounts")
@PermitAll
@RunOnVirtualThread
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-up and access", description = "Public: no token needed")
@SecurityRequirements
public class PublicAccountResource {

    private final Registration registration;
    private final PasswordReset passwordReset;
    private final Membership membership;
    private final RateLimiter rateLimiter;
    private final AccountsConfig config;

    public PublicAccountResource(Registration registration, PasswordReset passwordReset, Membership membership,
                                 RateLimiter rateLimiter, AccountsConfig config) {
        this.registration = registration;
        this.passwordReset = passwordReset;
        this.membership = membership;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    @POST
    @Path("/signup")
    @Idempotent
    @Operation(summary = "Open a school's account",
            description = "Creates the organisation and its first administrator, who can log in once the email "
                    + "is confirmed (OrganisationRegistered carries the 48 h confirmation token).")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = "Replays the first answer")
    @APIResponse(responseCode = "201", description = "Account created, PENDING_VERIFICATION; the same answer when "
            + "the email already has an account (nothing is created and its holder is emailed instead)")
    @APIResponse(responseCode = "400", description = "Invalid fields, every one listed (problem+json)")
    @APIResponse(responseCode = "409", description = "An account exists for this UAI or SIRET (problem+json)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body (problem+json)")
    @APIResponse(responseCode = "503", description = "Keycloak unavailable; nothing was created (problem+json)")
    public Response signUp(@Valid @NotNull SignUpRequest request) {
        var o = request.organisation();
        var a = request.admin();
        Organisation organisation = registration.signUp(new SignUp(o.name(), o.uai(), o.siret(),
                o.address().toDomain(), a.email(), a.password(), a.firstName().trim(), a.lastName().trim(),
                a.phone(), request.locale()));
        return Response.created(URI.create("/api/accounts/organisation"))
                .entity(new SignUpAnswer(organisation.id, organisation.status)).build();
    }

    @POST
    @Path("/verify")
    @Operation(summary = "Confirm the administrator's email with the token from the link")
    @APIResponse(responseCode = "200", description = "Account ACTIVE; the administrator can log in")
    @APIResponse(responseCode = "400", description = "Token unknown (token-unknown), used (token-already-used) "
            + "or expired (token-expired) (problem+json)")
    @APIResponse(responseCode = "409", description = "The organisation is suspended (problem+json)")
    public SignUpAnswer verify(@Valid @NotNull TokenRequest request) {
        Organisation organisation = registration.verify(request.token());
        return new SignUpAnswer(organisation.id, organisation.status);
    }

    @POST
    @Path("/verify/resend")
    @Operation(summary = "Send a new confirmation link",
            description = "Always 202, whether or not the email is known; older links stop working.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "Not an email address (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many requests for this email or client address (problem+json)")
    public Response resendConfirmation(@Valid @NotNull EmailRequest request, @Context HttpServerRequest http) {
        throttle("resend", request.email(), http);
        registration.resendConfirmation(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset")
    @Operation(summary = "Ask for a password reset link",
            description = "Always 202 (no account enumeration); PasswordResetRequested carries a 1 h token when "
                    + "the account exists.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "Not an email address (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many requests for this email or client address (problem+json)")
    public Response requestPasswordReset(@Valid @NotNull EmailRequest request, @Context HttpServerRequest http) {
        throttle("reset", request.email(), http);
        passwordReset.request(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @Operation(summary = "Set a new password with the token from the reset link",
            description = "Keycloak's password policy applies (at least 12 characters); every session of the user ends.")
    @APIResponse(responseCode = "204", description = "Password changed")
    @APIResponse(responseCode = "400", description = "Weak password, or token unknown, used or expired (problem+json)")
    public Response confirmPasswordReset(@Valid @NotNull PasswordResetConfirmation request) {
        passwordReset.confirm(request.token(), request.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("/invitations/accept")
    @Idempotent
    @Operation(summary = "Accept an invitation: creates the user in the inviting organisation")
    @APIResponse(responseCode = "201", description = "User created and active")
    @APIResponse(responseCode = "400", description = "Invalid fields, or token unknown, used or expired (problem+json)")
    @APIResponse(responseCode = "409", description = "The email already has an account, or the organisation is "
            + "not active (problem+json)")
    public Response acceptInvitation(@Valid @NotNull InvitationAcceptance request) {
        Member member = membership.accept(new Membership.Acceptance(request.token(), request.password(),
                request.firstName().trim(), request.lastName().trim(), request.phone()));
        return Response.created(URI.create("/api/accounts/me"))
                .entity(new AcceptedInvitation(member.userId, member.organisationId, member.role)).build();
    }

    /** Per email and per client address (the gateway's X-Forwarded-For), before any work is done. */
    private void throttle(String action, String email, HttpServerRequest http) {
        var limits = config.rateLimit();
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        if (!rateLimiter.tryAcquire(action + ":address:" + address, limits.perAddress(), limits.window())
                || !rateLimiter.tryAcquire(action + ":email:" + Member.normaliseEmail(email), limits.perEmail(),
                limits.window())) {
            throw AccountProblems.tooManyRequests();
        }
    }
}
