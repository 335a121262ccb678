package io.dataops.sit.kubectl;

import io.dataops.sit.api.report.Reports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** kubectl sit report NAME: the results table, or the reports kept in NAME.sit-report. */
@Command(
        name = "report",
        header = "Print the results table of a SitRun, or write its JUnit/JSON/HTML reports.",
        description = {
            "Print the results table of a SitRun, or write its reports (kept in the ConfigMap <NAME>.sit-report next "
                    + "to the SitRun, as long as the SitRun exists). Without that ConfigMap the table, JUnit and JSON "
                    + "are built from the SitRun's status."
        })
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    KubectlSit root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The SitRun.")
    String name;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the JUnit XML report here (- for stdout).")
    String junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON result here (- for stdout).")
    String json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here (- for stdout).")
    String html;

    @Override
    public Integer call() {
        try (Kube kube = root.kube()) {
            RunReports reports = RunReports.fetch(kube, kube.sitRun(name));
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            if (reports.note() != null) {
                err.println("note: " + reports.note());
                err.flush();
            }
            if (junit == null && json == null && html == null) {
                out.print(Reports.table(reports.result()));
                out.flush();
                return 0;
            }
            if (html != null && reports.html() == null) {
                throw new UserError("no HTML report is kept for sitrun/" + name);
            }
            if (junit != null) {
                RunReports.write(reports.junitOrBuilt(), junit, out);
            }
            if (json != null) {
                RunReports.write(reports.jsonOrBuilt(), json, out);
            }
            if (html != null) {
                RunReports.write(reports.html(), html, out);
            }
            return 0;
        }
    }
}
