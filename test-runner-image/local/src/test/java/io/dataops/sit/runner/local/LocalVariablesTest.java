package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env lists resolved as a cluster would: values, the file's Secrets (stringData and data), its ConfigMaps. */
class LocalVariablesTest {

    @TempDir
    Path folder;

    private static EnvVar secretRef(String name, String secret, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef(key, secret, null)
                .endValueFrom()
                .build();
    }

    @Test
    void valuesSecretsAndConfigMapsAreResolvedAndWhatIsMissingIsNamedWithoutValues() throws Exception {
        Secret api = new SecretBuilder()
                .withNewMetadata()
                .withName("api")
                .endMetadata()
                .addToStringData("token", "plain-token-1")
                .addToData("key", Base64.getEncoder().encodeToString("encoded-key-2".getBytes(StandardCharsets.UTF_8)))
                .build();
        LocalFixtures fixtures = new LocalFixtures(
                Map.of(
                        "settings",
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("settings")
                                .endMetadata()
                                .addToData("region", "eu-west-1")
                                .build()),
                folder,
                Files.createDirectories(folder.resolve("tmp")));
        LocalVariables variables =
                new LocalVariables(Map.of("api", api), fixtures, Map.of("FROM_SHELL", "shell-value-3"));

        Map<String, String> resolved = variables.resolve(
                "runner.env",
                List.of(
                        new EnvVarBuilder().withName("PLAIN").withValue("v").build(),
                        secretRef("TOKEN", "api", "token"),
                        secretRef("KEY", "api", "key"),
                        new EnvVarBuilder()
                                .withName("REGION")
                                .withNewValueFrom()
                                .withNewConfigMapKeyRef("region", "settings", null)
                                .endValueFrom()
                                .build(),
                        secretRef("FROM_SHELL", "elsewhere", "token"),
                        secretRef("MISSING", "api", "nope"),
                        new EnvVarBuilder()
                                .withName("POD")
                                .withNewValueFrom()
                                .withNewFieldRef(null, "metadata.name")
                                .endValueFrom()
                                .build()));

        assertThat(resolved)
                .containsExactly(
                        Map.entry("PLAIN", "v"),
                        Map.entry("TOKEN", "plain-token-1"),
                        Map.entry("KEY", "encoded-key-2"),
                        Map.entry("REGION", "eu-west-1"));
        assertThat(variables.notes())
                .containsExactly(
                        "runner.env FROM_SHELL: Secret elsewhere is not in the SitRun file; taken from your shell",
                        "runner.env MISSING: Secret api in the SitRun file has no key nope; left unset (put a Secret "
                                + "document in the file or set the variable)",
                        "runner.env POD: valueFrom fieldRef/resourceFieldRef is a cluster setting; left unset");
        assertThat(String.join("\n", variables.notes()))
                .doesNotContain("plain-token-1", "encoded-key-2", "shell-value-3");
    }
}
