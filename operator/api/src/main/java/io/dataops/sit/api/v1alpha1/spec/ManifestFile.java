package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A dataset manifest file (YAML or JSON): its version, its files with their SHA-256, the versions it expects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManifestFile extends FileSource {}
