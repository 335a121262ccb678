package io.dataops.sit.operator.aws;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Starts the loopback STS stub for a @QuarkusTest and points the operator at it (sit.aws.sts-endpoint). The
 * operator's own credentials come from the SDK's default chain: here its system-property provider.
 */
public class StsStubResource implements QuarkusTestResourceLifecycleManager {

    static final String OPERATOR_ACCESS_KEY = "AKIAOPERATORQUARKUS";
    static final String OPERATOR_SECRET_KEY = "operatorQuarkusSecret/Q9";
    static volatile StsStub stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = new StsStub(Instant::now);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("aws.accessKeyId", OPERATOR_ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", OPERATOR_SECRET_KEY);
        return Map.of("sit.aws.sts-endpoint", stub.endpoint().toString());
    }

    @Override
    public void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (stub != null) {
            stub.close();
        }
    }
}
