package dev.sessio.notifications.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.notifications.domain.EmailCategory;
import dev.sessio.notifications.domain.Feed;
import dev.sessio.notifications.domain.Preferences;
import dev.sessio.notifications.domain.UserProfile;
import dev.sessio.runtime.tenancy.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The caller's notifications (read/unread) and email preferences. */
@Bulkheaded
@Path("/api/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "In-account notifications and email preferences")
@RunOnVirtualThread
public class NotificationsResource {

    private final Caller caller;
    private final Feed feed;
    private final Preferences preferences;
    private final JsonWebToken token;

    public NotificationsResource(Caller caller, Feed feed, Preferences preferences, JsonWebToken token) {
        this.caller = caller;
        this.feed = feed;
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first",
            description = "The caller's own notifications and their organisation's, each read or unread for the caller.")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No valid token")
    public NotificationPage listNotifications(@QueryParam("unread") @DefaultValue("false") boolean unreadOnly,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        Feed.Page found = feed.list(caller.userId(), caller.organisation().orElse(null), unreadOnly, page, size);
        return new NotificationPage(found.items().stream().map(NotificationDto::of).toList(), found.page(),
                found.size(), found.total(), found.unread());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a notification read (or unread again)")
    @APIResponse(responseCode = "200", description = "The notification with its new state")
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "Unknown, or not the caller's", content = @Content(mediaType = "application/problem+json"))
    public NotificationDto markNotification(@PathParam("id") UUID id, @Valid @NotNull MarkRead body) {
        return NotificationDto.of(feed.mark(id, caller.userId(), caller.organisation().orElse(null), body.read()));
    }

    @GET
    @Path("/preferences")
    @Operation(summary = "The caller's email preferences", description = "Required categories are always enabled.")
    @APIResponse(responseCode = "200", description = "The preferences")
    public PreferencesDto getPreferences() {
        String userId = caller.userId();
        UserProfile profile = preferences.profile(userId).orElse(null);
        return dto(profile == null ? tokenEmail() : profile.email, profile == null ? null : profile.locale,
                preferences.of(userId));
    }

    @PUT
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's email preferences",
            description = "Optional categories may be switched on or off; required ones (account security, billing, "
                    + "orders, sessions) cannot be switched off. The address used is the one in the caller's token.")
    @APIResponse(responseCode = "200", description = "The preferences now in force")
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "A required category cannot be switched off",
            content = @Content(mediaType = "application/problem+json"))
    public PreferencesDto updatePreferences(@Valid @NotNull PreferencesDto.Change change) {
        Map<EmailCategory, Boolean> changes = change.emails() == null ? Map.of() : change.emails();
        Map<EmailCategory, Boolean> now = preferences.update(caller.userId(), caller.organisation().orElse(null),
                tokenEmail(), change.locale(), changes);
        UserProfile profile = preferences.profile(caller.userId()).orElseThrow();
        return dto(profile.email, profile.locale, now);
    }

    private String tokenEmail() {
        Object email = token.getClaim("email");
        return email == null ? null : email.toString().replace("\"", "");
    }

    private static PreferencesDto dto(String email, String locale, Map<EmailCategory, Boolean> enabled) {
        List<PreferencesDto.Category> categories = enabled.entrySet().stream()
                .map(e -> new PreferencesDto.Category(e.getKey(), e.getValue(), e.getKey().required()))
                .toList();
        return new PreferencesDto(email, locale == null ? "fr" : locale, categories);
    }
}
