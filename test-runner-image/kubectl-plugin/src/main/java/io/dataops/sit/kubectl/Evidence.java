package io.dataops.sit.kubectl;

import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.status.EvidenceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** The evidence bundle of one run, read from its ConfigMap. */
record Evidence(String configMap, List<EvidenceBundle.File> files) {

    static Evidence fetch(Kube kube, SitRun run) {
        String sitRun = run.getMetadata().getName();
        EvidenceStatus status = run.getStatus() == null ? null : run.getStatus().getEvidence();
        String name = status != null && status.getConfigMap() != null
                ? status.getConfigMap()
                : Artifacts.evidenceConfigMap(sitRun);
        ConfigMap cm = kube.configMap(name);
        String bundle = cm == null || cm.getBinaryData() == null
                ? null
                : cm.getBinaryData().get(Artifacts.EVIDENCE_KEY);
        if (bundle == null) {
            String why = status != null && status.getMessage() != null
                    ? status.getMessage()
                    : "spec.evidence.when decides when one is captured (default OnFailure)";
            throw new UserError("no evidence bundle for sitrun/" + sitRun + " (ConfigMap " + name + "): " + why);
        }
        try {
            return new Evidence(name, EvidenceBundle.unpack(Base64.getDecoder().decode(bundle)));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError("evidence bundle in ConfigMap " + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes each file under dir; a path that would land outside dir is refused before anything is written. */
    int writeTo(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        for (EvidenceBundle.File f : files) {
            resolve(root, f.path());
        }
        try {
            for (EvidenceBundle.File f : files) {
                Path target = resolve(root, f.path());
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
        } catch (IOException e) {
            throw new UserError("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        return files.size();
    }

    static Path resolve(Path root, String entry) {
        Path target = root.resolve(entry).normalize();
        if (entry.isEmpty() || Path.of(entry).isAbsolute() || !target.startsWith(root) || target.equals(root)) {
            throw new UserError("refusing unsafe path in the evidence bundle: " + entry);
        }
        return target;
    }

    /** The manifest's summary: how many files, how many bytes, and every note and cut line. */
    String summary() {
        String manifest = files.stream()
                .filter(f -> f.path().equals(EvidenceBundle.MANIFEST))
                .findFirst()
                .map(f -> new String(f.content(), StandardCharsets.UTF_8))
                .orElse("");
        long bytes = files.stream().mapToLong(f -> f.content().length).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(files.size()).append(" files, ").append(bytes).append(" bytes");
        List<String> remarks = manifest.lines()
                .filter(l -> l.startsWith("note: ") || l.startsWith("cut: "))
                .toList();
        sb.append(remarks.isEmpty() ? ", nothing cut\n" : "\n");
        remarks.forEach(r -> sb.append("  ").append(r).append('\n'));
        return sb.toString();
    }

    /** Log files of the bundle (logs/<pod>/<container>.log), those of pods whose name contains component when given. */
    List<EvidenceBundle.File> logs(String component) {
        return files.stream()
                .filter(f -> f.path().startsWith("logs/"))
                .filter(f -> component == null || f.path().split("/")[1].contains(component))
                .toList();
    }
}
