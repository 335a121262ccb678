package io.dataops.sit.operator.secrets;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.NameSetter;

/**
 * Base of the workflow dependents that write Secrets into the run namespace without an informer (see
 * {@link RunSecrets} for why): subclasses implement {@code reconcile} with {@link RunSecrets#get},
 * {@link RunSecrets#create} and {@link RunSecrets#replace}. Nothing is deleted: the run namespace's deletion
 * removes the Secrets.
 */
public abstract class RunSecretDependent implements DependentResource<Secret, SitRun>, NameSetter {

    private String name = DependentResource.defaultNameFor(getClass());

    @Override
    public Class<Secret> resourceType() {
        return Secret.class;
    }

    /** The workflow's name for this dependent (dependsOn refers to it); JOSDK sets it. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }
}
