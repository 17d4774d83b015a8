package dev.sessio.tokens.api;

import dev.sessio.runtime.http.Bulkheaded;
import dev.sessio.runtime.problem.ProblemException;
import dev.sessio.tokens.domain.MonthlyReport;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.UUID;

/** Reports for ops. */
@Bulkheaded
@Path("/api/tokens/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ops")
@RunOnVirtualThread
public class ReportsResource {

    private final MonthlyReport report;

    public ReportsResource(MonthlyReport report) {
        this.report = report;
    }

    @GET
    @Path("/monthly")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Tokens sold, granted, used, refunded, expired and outstanding, and revenue HT/VAT/TTC, "
            + "for one month (Paris time)")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "month missing or not YYYY-MM")
    @APIResponse(responseCode = "403", description = "Not ops")
    public MonthlyReport.Report monthlyReport(@Parameter(description = "YYYY-MM", example = "2026-11")
                                        @QueryParam("month") @NotNull @Pattern(regexp = "\\d{4}-\\d{2}") String month,
                                        @Parameter(description = "only this organisation")
                                        @QueryParam("organisationId") UUID organisationId) {
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("validation", "Invalid request", "month must be YYYY-MM");
        }
        return report.of(yearMonth, organisationId);
    }
}
