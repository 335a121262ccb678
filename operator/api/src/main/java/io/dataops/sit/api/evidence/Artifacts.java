package io.dataops.sit.api.evidence;

/**
 * Where a finished run's reports and evidence live: two ConfigMaps in the SitRun's own namespace, owned by the
 * SitRun (deleted with it, never with the run's namespace). The operator writes them; kubectl sit and CI read them.
 */
public final class Artifacts {

    private Artifacts() {}

    public static final String REPORT_SUFFIX = ".sit-report";
    public static final String EVIDENCE_SUFFIX = ".sit-evidence";
    /** binaryData key of the evidence ConfigMap holding {@link EvidenceBundle}'s tar.gz. */
    public static final String EVIDENCE_KEY = "evidence.tar.gz";
    /** data key of the evidence ConfigMap repeating the bundle's manifest, readable with kubectl get -o yaml. */
    public static final String MANIFEST_KEY = EvidenceBundle.MANIFEST;

    // binaryData keys of the report ConfigMap (and of the run namespace's sit-reports the runner fills), gzip each.
    public static final String JUNIT_KEY = "junit.xml.gz";
    public static final String RESULT_KEY = "result.json.gz";
    public static final String HTML_KEY = "report.html.gz";
    /** data key of the report ConfigMap: what was left out to fit the bound. */
    public static final String NOTE_KEY = "NOTE.txt";

    /** Each ConfigMap stays below the API server's 1 MiB per object; sit-reports holds the reports plus the runner's data evidence. */
    public static final int MAX_REPORT_BYTES = 512 * 1024;

    public static final int MAX_EVIDENCE_BYTES = 900 * 1024;

    // Labels on both ConfigMaps; the operator's admission policy lets it write only ConfigMaps carrying them.
    public static final String COMPONENT_REPORT = "report";
    public static final String COMPONENT_EVIDENCE = "evidence";

    public static String reportConfigMap(String sitRunName) {
        return bounded(sitRunName, REPORT_SUFFIX);
    }

    public static String evidenceConfigMap(String sitRunName) {
        return bounded(sitRunName, EVIDENCE_SUFFIX);
    }

    private static String bounded(String name, String suffix) {
        int max = 253 - suffix.length();
        return (name.length() > max ? name.substring(0, max) : name) + suffix;
    }
}
