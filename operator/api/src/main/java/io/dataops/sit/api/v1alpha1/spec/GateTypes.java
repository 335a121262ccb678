package io.dataops.sit.api.v1alpha1.spec;

/** The gate types reported in status.databases[].gates[].type: one per kind of {@link DataCheck}. */
public final class GateTypes {

    public static final String ROW_COUNT = "rowCount";
    public static final String FOREIGN_KEY = "foreignKey";
    public static final String CROSS_DATABASE_FOREIGN_KEY = "crossDatabaseForeignKey";
    public static final String COLUMN = "column";
    public static final String SQL = "sql";
    public static final String SCHEMA = "schema";
    public static final String MIGRATION_VERSION = "migrationVersion";

    private GateTypes() {}
}
