package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Argo CD health check: its Lua cases pass in Lua 5.4 and in gopher-lua, the Lua runtime Argo CD runs health
 * checks in (deploy/argocd/test/gopher-lua, built once per gopher-lua version by e2e/control-plane-build/build.sh),
 * and the argocd-cm snippet carries the same script.
 */
class ArgoCdHealthCheckIT {

    private static final Path ARGOCD = DeployFiles.ROOT.resolve("deploy/argocd");
    /** Lua itself takes a second; the first gopher-lua run on a fresh machine also downloads and compiles it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lua5.4", "gopher-lua"})
    void luaCasesPass(String runtime) {
        List<String> command =
                new ArrayList<>(List.of(ARGOCD.resolve("test/run-tests.sh").toString()));
        if (runtime.equals("gopher-lua")) {
            command.add("--gopher-lua");
        }
        DeployTools.Result run = DeployTools.run(TIMEOUT, command, Map.of());
        assertThat(run.exitCode())
                .as(
                        "%s (Lua 5.4: apt-get install -y lua5.4; gopher-lua: Go >= 1.24):%n%s",
                        String.join(" ", command), run.output())
                .isZero();
        assertThat(run.output()).contains("all cases passed").doesNotContain("FAIL");
        // gopher-lua runs the script the way Argo CD does: only base, table and package, obj as a global
        assertThat(run.output())
                .contains(
                        runtime.equals("gopher-lua")
                                ? "runtime: gopher-lua, Argo CD's health-check sandbox"
                                : "runtime: Lua 5.4");
        // both runtimes ran the cases for the phases of issue 11
        assertThat(run.output())
                .contains(
                        "ok   queued behind an older run of its group", "ok   superseded by a newer run of its group");
    }

    @Test
    void argocdConfigMapSnippetEmbedsTheScriptVerbatim() throws Exception {
        JsonNode patch =
                DeployFiles.documents(ARGOCD.resolve("argocd-cm-patch.yaml")).getFirst();
        assertThat(patch.path("data")
                        .path("resource.customizations.health.sit.dataops.io_SitRun")
                        .asText())
                .isEqualTo(Files.readString(ARGOCD.resolve("sitrun-health.lua")));
    }
}
