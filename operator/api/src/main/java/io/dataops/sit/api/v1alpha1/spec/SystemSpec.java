package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** A system under test, deployed into the run's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SystemSpec {

    @JsonPropertyDescription(
            "Name of the system, a DNS label unique in the run; the Deployment and Service get this name.")
    @Required
    @Pattern(Names.DNS_LABEL_PATTERN)
    @Size(min = 1, max = Names.COMPONENT_NAME_MAX)
    private String name;

    @JsonPropertyDescription("Container image, preferably pinned by digest. When the operator has an image allow-list "
            + "(sit.images.allowed), the image must match one of its prefixes, else the run ends with reason "
            + "ImageNotAllowed before anything is created.")
    @Required
    @Size(min = 1, max = 512)
    @Pattern(Names.IMAGE_PATTERN)
    private String image;

    @JsonPropertyDescription("The build this system's image comes from (a commit SHA, a tag or a build number), "
            + "compared with the other systems' by spec.imageConsistency; required for the systems it covers.")
    @Size(min = 1, max = ImageConsistencySpec.REVISION_MAX)
    @Pattern(ImageConsistencySpec.REVISION_PATTERN)
    private String revision;

    @JsonPropertyDescription("Entrypoint override.")
    private List<String> command;

    @JsonPropertyDescription("Arguments.")
    private List<String> args;

    @JsonPropertyDescription("Extra environment variables; broker and database settings are injected as well "
            + "(KAFKA_BOOTSTRAP_SERVERS, SIT_KAFKA_<BROKER>_BOOTSTRAP_SERVERS, SIT_DB_<DATABASE>_*). valueFrom may not "
            + "read the operator's own objects (sit-*); valueFrom.secretKeyRef names a Secret in the SitRun's namespace: "
            + "the operator copies that key into the run's namespace.")
    @Size(max = EnvRules.MAX_ENV)
    @ValidationRule(value = EnvRules.NAME_RULE, message = EnvRules.NAME_MESSAGE)
    @ValidationRule(value = EnvRules.VALUE_OR_VALUE_FROM_RULE, message = EnvRules.VALUE_OR_VALUE_FROM_MESSAGE)
    @ValidationRule(value = EnvRules.VALUE_FROM_RULE, message = EnvRules.VALUE_FROM_MESSAGE)
    private List<EnvVar> env = new ArrayList<>();

    @JsonPropertyDescription("Ports the system listens on; when given, a Service named after the system exposes them.")
    @Size(max = 16)
    @ValidationRule(value = "self.all(p, self.exists_one(o, o.port == p.port))", message = "ports must be unique")
    private List<SystemPort> ports = new ArrayList<>();

    @JsonPropertyDescription(
            "Number of pods. Default 1; 0 deploys the system stopped, for a 'job started' step to scale up.")
    @Min(0)
    @Max(10)
    private Integer replicas;

    @JsonPropertyDescription("Compute resources; default the namespace's container defaults.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Give this system the run's AWS credentials (spec.aws): the credentials file mounted at "
            + "/sit/aws with AWS_SHARED_CREDENTIALS_FILE and AWS_REGION. Default false: only the runner gets them. "
            + "The operator's admin may forbid it (sit.aws.systems-may-opt-in).")
    private Boolean aws;

    @JsonPropertyDescription("How './sit run' starts this system on a laptop (ignored in a cluster). Without it, "
            + "local mode reports the system as not runnable locally.")
    private LocalProcessSpec local;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env == null ? new ArrayList<>() : env;
    }

    public List<SystemPort> getPorts() {
        return ports;
    }

    public void setPorts(List<SystemPort> ports) {
        this.ports = ports == null ? new ArrayList<>() : ports;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Boolean getAws() {
        return aws;
    }

    public void setAws(Boolean aws) {
        this.aws = aws;
    }

    public boolean usesAws() {
        return Boolean.TRUE.equals(aws);
    }

    public LocalProcessSpec getLocal() {
        return local;
    }

    public void setLocal(LocalProcessSpec local) {
        this.local = local;
    }
}
