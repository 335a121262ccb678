package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The user name and password of an existing database, as two keys of one Secret in the SitRun's namespace. Copied
 * into the run like every other Secret reference (only these keys), handed to pods as secretKeyRefs, never logged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!self.name.startsWith('sit-')",
        fieldPath = ".name",
        message = "Secret names starting with sit- are reserved for the operator's own objects")
public class ExternalCredentials {

    public static final String DEFAULT_USERNAME_KEY = "username";
    public static final String DEFAULT_PASSWORD_KEY = "password";

    @JsonPropertyDescription("Name of a Secret in the SitRun's namespace.")
    @Required
    @Pattern(Names.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = 253)
    private String name;

    @JsonPropertyDescription("Key holding the user name; default " + DEFAULT_USERNAME_KEY + ".")
    @Pattern(Names.CONFIGMAP_KEY_PATTERN)
    @Size(min = 1, max = 253)
    private String usernameKey;

    @JsonPropertyDescription("Key holding the password; default " + DEFAULT_PASSWORD_KEY + ".")
    @Pattern(Names.CONFIGMAP_KEY_PATTERN)
    @Size(min = 1, max = 253)
    private String passwordKey;

    public ExternalCredentials() {}

    public ExternalCredentials(String name, String usernameKey, String passwordKey) {
        this.name = name;
        this.usernameKey = usernameKey;
        this.passwordKey = passwordKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUsernameKey() {
        return usernameKey;
    }

    public void setUsernameKey(String usernameKey) {
        this.usernameKey = usernameKey;
    }

    public String usernameKeyOrDefault() {
        return usernameKey == null ? DEFAULT_USERNAME_KEY : usernameKey;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }

    public String passwordKeyOrDefault() {
        return passwordKey == null ? DEFAULT_PASSWORD_KEY : passwordKey;
    }
}
