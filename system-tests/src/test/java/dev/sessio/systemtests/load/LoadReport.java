package dev.sessio.systemtests.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the run's figures to {@code target/gatling/summary.json} and a readable {@code summary.md}. */
final class LoadReport {

    private LoadReport() {
    }

    static void write(Map<String, Object> report) {
        try {
            Files.createDirectories(LoadEnvironment.RESULTS);
            Path json = LoadEnvironment.RESULTS.resolve("summary.json");
            JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
            Path markdown = LoadEnvironment.RESULTS.resolve("summary.md");
            Files.writeString(markdown, markdown(report));
            System.out.println("load: summary written to " + markdown + " and " + json);
            System.out.println(Files.readString(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Sessio load run " + report.get("run") + "\n\n");
        md.append("Machine: ").append(report.get("machine")).append("; load average at the end ")
                .append(report.get("loadAverageAtEnd")).append(".\n");
        md.append("Settings: ").append(report.get("settings")).append(".\n\n");
        Map<String, Object> invariants = (Map<String, Object>) report.get("invariants");
        if (invariants != null) {
            md.append("## Invariants\n\n").append(invariants).append("\n\n");
        }
        List<String> violations = (List<String>) report.get("violations");
        md.append(violations.isEmpty() ? "No violation.\n\n" : "**Violations:** " + violations + "\n\n");
        for (String phase : List.of("saga", "storm")) {
            Map<String, Map<String, Object>> steps = (Map<String, Map<String, Object>>) report.get(phase);
            if (steps == null || steps.isEmpty()) {
                continue;
            }
            md.append("## ").append(phase.equals("saga") ? "Saga latency (steady rate)" : "Registration storm")
                    .append(": POST → CONFIRMED, ms\n\n")
                    .append("| step | attempts | confirmed/s | errors | POST answers | POST p99 | POST max | GETs | client p50 | p95 | p99 | max | database p50 | p95 | p99 | max | load avg |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            steps.forEach((name, s) -> {
                Map<String, Object> client = (Map<String, Object>) s.get("clientObservedMillis");
                Map<String, Object> exact = (Map<String, Object>) s.get("exactDatabaseMillis");
                md.append("| ").append(name).append(" | ").append(s.get("attempts")).append(" | ")
                        .append(s.get("confirmedPerSecond")).append(" | ").append(s.get("errors")).append(" | ")
                        .append(s.get("postStatuses")).append(" | ")
                        .append(((Map<String, Object>) s.get("postAnswerMillis")).get("p99")).append(" | ")
                        .append(((Map<String, Object>) s.get("postAnswerMillis")).get("max")).append(" | ")
                        .append(s.get("pollRequests")).append(" | ")
                        .append(client.get("p50")).append(" | ").append(client.get("p95")).append(" | ")
                        .append(client.get("p99")).append(" | ").append(client.get("max")).append(" | ")
                        .append(exact.get("p50")).append(" | ").append(exact.get("p95")).append(" | ")
                        .append(exact.get("p99")).append(" | ").append(exact.get("max")).append(" | ")
                        .append(s.get("loadAverage")).append(" |\n");
            });
            md.append("\nWhere the time goes (database timestamps of each confirmed registration), ms:\n\n")
                    .append("| step | stage | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
            steps.forEach((name, s) -> {
                Map<String, Map<String, Object>> stages = (Map<String, Map<String, Object>>) s.get("stagesMillis");
                if (stages != null) {
                    stages.forEach((stage, m) -> md.append("| ").append(name).append(" | ").append(stage).append(" | ")
                            .append(m.get("p50")).append(" | ").append(m.get("p95")).append(" | ")
                            .append(m.get("p99")).append(" | ").append(m.get("max")).append(" |\n"));
                }
            });
            md.append("\n");
        }
        Map<String, Map<String, Object>> reads = (Map<String, Map<String, Object>>) report.get("reads");
        if (reads != null) {
            md.append("## Reads through the gateway, ms\n\n")
                    .append("| step | read | per second | errors | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|\n");
            reads.forEach((name, step) -> step.forEach((label, value) -> {
                if (value instanceof Map<?, ?> m) {
                    md.append("| ").append(name).append(" | ").append(label).append(" | ").append(m.get("perSecond"))
                            .append(" | ").append(m.get("errors")).append(" | ").append(m.get("p50")).append(" | ")
                            .append(m.get("p95")).append(" | ").append(m.get("p99")).append(" | ").append(m.get("max"))
                            .append(" |\n");
                }
            }));
            md.append("\n");
        }
        Map<String, Object> gateway = (Map<String, Object>) report.get("gatewayOverhead");
        if (gateway != null) {
            md.append("## Gateway overhead (same read, direct and through the gateway, interleaved), ms\n\n")
                    .append("| read | direct p50 | p99 | mean | gateway p50 | p99 | mean | ratio p50 | ratio p99 | ratio mean |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (String read : List.of("catalogue", "balance")) {
                Map<String, Object> one = (Map<String, Object>) gateway.get(read);
                Map<String, Object> d = (Map<String, Object>) one.get("direct");
                Map<String, Object> g = (Map<String, Object>) one.get("gateway");
                md.append("| ").append(read).append(" | ").append(d.get("p50")).append(" | ").append(d.get("p99"))
                        .append(" | ").append(d.get("mean")).append(" | ").append(g.get("p50")).append(" | ")
                        .append(g.get("p99")).append(" | ").append(g.get("mean")).append(" | ")
                        .append(one.get("ratio p50")).append(" | ").append(one.get("ratio p99")).append(" | ")
                        .append(one.get("ratio mean")).append(" |\n");
            }
            md.append("\n").append(gateway.get("ratePerSecondEach")).append(" requests/s on each of the four, ")
                    .append(gateway.get("seconds")).append(" s; load average ").append(gateway.get("loadAverage")).append(".\n");
        }
        return md.toString();
    }
}
