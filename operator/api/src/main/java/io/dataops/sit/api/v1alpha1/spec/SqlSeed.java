package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A SQL script, run in one transaction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqlSeed extends FileSource {}
