package dev.sessio.runtime.app;

import dev.sessio.runtime.idempotency.Idempotent;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.runtime.tenancy.Caller;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** A tiny resource of the test application that exercises the platform pieces the way a service would. */
@Path("/api/notes")
@Authenticated
public class NoteResource {

    public record NoteRequest(@NotBlank @Size(max = 60) String title, @NotNull @Min(1) @Max(500) Integer pages,
                              @Valid Author author) {
    }

    public record Author(@NotBlank String name) {
    }

    public record Note(UUID id, UUID organisationId, String title) {
    }

    private final DataSource dataSource;
    private final Caller caller;

    public NoteResource(DataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @POST
    @Idempotent
    public Response create(@Valid @NotNull NoteRequest request) throws SQLException {
        Note note = new Note(UUID.randomUUID(), caller.organisationId(), request.title());
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO note (id, organisation_id, title) VALUES (?, ?, ?)")) {
            insert.setObject(1, note.id());
            insert.setObject(2, note.organisationId());
            insert.setString(3, note.title());
            insert.executeUpdate();
        }
        return Response.created(URI.create("/api/notes/" + note.id())).entity(note).build();
    }

    @GET
    @Path("/{id}")
    public Note get(@PathParam("id") UUID id) throws SQLException {
        return caller.owned(find(id), Note::organisationId, "Note " + id);
    }

    @GET
    @Path("/count")
    public long count(@QueryParam("title") @NotBlank String title) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT count(*) FROM note WHERE title = ?")) {
            select.setString(1, title);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @POST
    @Path("/conflict")
    public Response conflict() {
        throw ProblemException.conflict("insufficient-tokens", "Not enough tokens", "Your balance is 0")
                .with("buyTokens", "/api/tokens/offers");
    }

    @POST
    @Path("/boom")
    public Response boom() throws SQLException {
        throw new SQLException("ERROR: relation \"secret_table\" does not exist at dev.sessio.Internal");
    }

    @POST
    @Path("/pool-exhausted")
    public Response poolExhausted() {
        // What Hibernate throws when Agroal's pool has no connection to give within its timeout.
        throw new IllegalStateException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection"));
    }

    @POST
    @Path("/ops-only")
    @RolesAllowed("ops")
    public Response opsOnly() {
        return Response.noContent().build();
    }

    private Optional<Note> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, organisation_id, title FROM note WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Note(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3))) : Optional.empty();
            }
        }
    }
}
