package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Argo CD health check: its Lua cases pass, and the argocd-cm snippet carries the same script. */
class ArgoCdHealthCheckIT {

    private static final Path ARGOCD = DeployFiles.ROOT.resolve("deploy/argocd");

    @Test
    void luaCasesPass() throws Exception {
        Process lua = new ProcessBuilder(ARGOCD.resolve("test/run-tests.sh").toString())
                .redirectErrorStream(true).start();
        assertThat(lua.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(lua.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lua.exitValue()).as("deploy/argocd/test/run-tests.sh (needs lua5.4: apt-get install -y lua5.4):%n%s",
                output).isZero();
        assertThat(output).contains("all cases passed");
    }

    @Test
    void argocdConfigMapSnippetEmbedsTheScriptVerbatim() throws Exception {
        JsonNode patch = DeployFiles.documents(ARGOCD.resolve("argocd-cm-patch.yaml")).getFirst();
        assertThat(patch.path("data").path("resource.customizations.health.sit.dataops.io_SitRun").asText())
                .isEqualTo(Files.readString(ARGOCD.resolve("sitrun-health.lua")));
    }
}
