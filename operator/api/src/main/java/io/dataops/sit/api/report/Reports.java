package io.dataops.sit.api.report;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a runner result as JSON (the operator contract), JUnit XML (CI tools), or a console table. In the API
 * module because three programs print the same reports: the runner, ./sit run and kubectl sit.
 */
public final class Reports {

    private Reports() {}

    public static void writeJson(RunnerResult result, Path file) {
        write(file, ResultCodec.write(result));
    }

    /**
     * One testsuite per feature, one testcase per scenario (failure/error with the message), and a
     * "thresholds" testsuite with one testcase per threshold, so CI shows expected/actual directly.
     * A run-level error without scenarios becomes one errored testcase, so CI never reads it as green.
     */
    public static void writeJunitXml(RunnerResult result, Path file) {
        write(file, junitXml(result));
    }

    public static String junitXml(RunnerResult result) {
        Map<String, List<ScenarioResult>> byFeature = new LinkedHashMap<>();
        for (ScenarioResult s : result.getScenarioResults()) {
            byFeature
                    .computeIfAbsent(s.getFeature() == null ? "scenarios" : s.getFeature(), k -> new ArrayList<>())
                    .add(s);
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "sit-runner");
            boolean runError = result.getOutcome() == Outcome.ERROR;
            if (runError && result.getScenarioResults().stream().noneMatch(s -> "error".equals(s.getStatus()))) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "run");
                attrs(xml, 1, 0, 1, 0);
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "run");
                xml.writeAttribute("name", "run");
                xml.writeAttribute("time", "0");
                xml.writeStartElement("error");
                xml.writeAttribute("type", nz(result.getReason()));
                xml.writeAttribute("message", nz(result.getMessage()));
                xml.writeCharacters(nz(result.getMessage()));
                xml.writeEndElement();
                xml.writeEndElement();
                xml.writeEndElement();
            }
            for (Map.Entry<String, List<ScenarioResult>> feature : byFeature.entrySet()) {
                List<ScenarioResult> scenarios = feature.getValue();
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", feature.getKey());
                attrs(
                        xml,
                        scenarios.size(),
                        count(scenarios, "failed"),
                        count(scenarios, "error"),
                        count(scenarios, "skipped"));
                xml.writeAttribute(
                        "time",
                        seconds(scenarios.stream()
                                .mapToLong(ScenarioResult::getDurationMillis)
                                .sum()));
                for (ScenarioResult s : scenarios) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", feature.getKey());
                    xml.writeAttribute("name", nz(s.getName()));
                    xml.writeAttribute("time", seconds(s.getDurationMillis()));
                    String status = nz(s.getStatus());
                    if (status.equals("failed") || status.equals("error")) {
                        xml.writeStartElement(status.equals("failed") ? "failure" : "error");
                        xml.writeAttribute("message", nz(s.getMessage()));
                        xml.writeCharacters(nz(s.getMessage()));
                        xml.writeEndElement();
                    } else if (status.equals("skipped")) {
                        xml.writeEmptyElement("skipped");
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            if (!result.getThresholds().isEmpty()) {
                List<ThresholdResult> thresholds = result.getThresholds();
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "thresholds");
                attrs(
                        xml,
                        thresholds.size(),
                        (int) thresholds.stream().filter(t -> !t.isPassed()).count(),
                        0,
                        0);
                xml.writeAttribute("time", "0");
                for (ThresholdResult t : thresholds) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", "thresholds." + nz(t.getScenario()));
                    xml.writeAttribute("name", nz(t.getName()));
                    xml.writeAttribute("time", "0");
                    String detail = "expected " + num(t.getExpected()) + " +/- " + num(t.getTolerance())
                            + ("percent".equals(t.getToleranceUnit()) ? "%" : "") + ", actual " + num(t.getActual())
                            + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
                    if (!t.isPassed()) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", detail);
                        xml.writeCharacters(detail);
                        xml.writeEndElement();
                    } else {
                        xml.writeStartElement("system-out");
                        xml.writeCharacters(detail);
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.toString() + "\n";
    }

    private static void attrs(XMLStreamWriter xml, int tests, int failures, int errors, int skipped)
            throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(tests));
        xml.writeAttribute("failures", Integer.toString(failures));
        xml.writeAttribute("errors", Integer.toString(errors));
        xml.writeAttribute("skipped", Integer.toString(skipped));
    }

    private static int count(List<ScenarioResult> scenarios, String status) {
        return (int)
                scenarios.stream().filter(s -> status.equals(s.getStatus())).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** The console table: outcome, each scenario, each threshold with expected/tolerance/actual/passed. */
    public static String table(RunnerResult result) {
        StringBuilder sb = new StringBuilder();
        sb.append("Outcome: ")
                .append(result.getOutcome() == null ? "?" : result.getOutcome().value());
        if (result.getReason() != null) {
            sb.append(" (").append(result.getReason()).append(')');
        }
        sb.append('\n');
        if (result.getMessage() != null) {
            sb.append("  ").append(result.getMessage()).append('\n');
        }
        if (!result.getScenarioResults().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SCENARIO", "FEATURE", "STATUS", "DURATION"});
            for (ScenarioResult s : result.getScenarioResults()) {
                rows.add(new String[] {
                    nz(s.getName()), nz(s.getFeature()), nz(s.getStatus()), s.getDurationMillis() + " ms"
                });
            }
            sb.append('\n').append(render(rows));
        }
        if (!result.getThresholds().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"THRESHOLD", "SCENARIO", "EXPECTED", "TOLERANCE", "ACTUAL", "PASSED"});
            for (ThresholdResult t : result.getThresholds()) {
                rows.add(new String[] {
                    nz(t.getName()),
                    nz(t.getScenario()),
                    num(t.getExpected()),
                    "+/- " + num(t.getTolerance()) + ("percent".equals(t.getToleranceUnit()) ? "%" : ""),
                    num(t.getActual()),
                    t.isPassed() ? "yes" : "NO"
                });
            }
            sb.append('\n').append(render(rows));
        }
        if (!result.getGates().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"GATE", "DATABASE", "TYPE", "OBSERVED", "EXPECTED", "PASSED"});
            for (SeedResult.GateResult g : result.getGates()) {
                rows.add(new String[] {
                    nz(g.name()),
                    nz(g.database()),
                    nz(g.type()),
                    nz(g.observed()),
                    nz(g.expected()),
                    g.passed() ? "yes" : "NO"
                });
            }
            sb.append('\n').append(render(rows));
        }
        return sb.toString();
    }

    private static String render(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.min(70, Math.max(widths[i], row[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                String cell = row[i].length() > 70 ? row[i].substring(0, 67) + "..." : row[i];
                sb.append(i == 0 ? "  " : "  ").append(cell);
                if (i < columns - 1) {
                    sb.append(" ".repeat(widths[i] - cell.length()));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String num(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
