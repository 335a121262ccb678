package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The connection env of the runner Job. Delegates to the environment's ConnectionEnv (brokers, databases,
 * AWS) and adds the run-contract basics, so the runner sees exactly what systems and seed Jobs see.
 */
public final class RunnerConnection {

    public static final String AWS_SECRET_NAME = "sit-aws-credentials";

    private RunnerConnection() {
    }

    public static List<EnvVar> env(SitRun run) {
        List<EnvVar> env = new ArrayList<>();
        env.add(var(RunContract.ENV_RUN_NAME, run.getMetadata().getName()));
        env.add(var(RunContract.ENV_RUN_NAMESPACE, RunNames.namespace(run)));
        env.add(var(RunContract.ENV_CONFIGMAPS_DIR, RunContract.CONFIGMAPS_MOUNT_PATH));
        if (run.getSpec().getAws() != null) {
            env.add(var(RunContract.ENV_AWS_REGION, run.getSpec().getAws().getRegion()));
            env.add(var(RunContract.ENV_AWS_SHARED_CREDENTIALS_FILE,
                    RunContract.AWS_MOUNT_PATH + "/" + RunContract.AWS_CREDENTIALS_KEY));
        }
        return env;
    }

    public static String awsSecretName(SitRun run) {
        return AWS_SECRET_NAME;
    }

    private static EnvVar var(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
