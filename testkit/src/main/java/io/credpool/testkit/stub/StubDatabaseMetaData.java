package io.credpool.testkit.stub;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Minimal database metadata of a {@link StubConnection}, so that code which inspects the database
 * (and pools that wrap it) can be tested. Every call runs the behaviour's hooks as
 * {@code DatabaseMetaData.<method>}.
 *
 * <p>{@link #getConnection()} is the stub connection; {@code getURL}, {@code getUserName}, the
 * product and driver names and versions, quoting and the default isolation say what a small
 * PostgreSQL-like database would. {@code getTables} and {@code getColumns} return
 * {@link StubResultSet}s of {@link StubBehaviour#rows(int)} rows, every other query an empty one;
 * those queries fail like statements once the connection is closed or broken. Every other
 * {@code supports*}/{@code is*} answers {@code false} (but {@code supportsTransactions}), every
 * limit {@code 0} (unknown), every keyword list is empty.
 */
final class StubDatabaseMetaData implements DatabaseMetaData {

    private final StubConnection connection;

    StubDatabaseMetaData(StubConnection connection) {
        this.connection = connection;
    }

    /** Runs the behaviour's hooks for {@code DatabaseMetaData.<method>}: first thing in every method. */
    private void enter(String method) {
        connection.behaviour().enter("DatabaseMetaData", method, connection);
    }

    /** A query: hooks, the connection's closed check, then a result set of {@code rows} rows. */
    private ResultSet rows(String method, int rows) throws SQLException {
        enter(method);
        connection.check();
        return new StubResultSet(connection, null, rows);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        enter("unwrap");
        return Hooks.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        enter("isWrapperFor");
        return iface.isInstance(this);
    }

    // One line per method, in the order of java.sql.DatabaseMetaData.

    @Override public boolean allProceduresAreCallable() throws SQLException { enter("allProceduresAreCallable"); return false; }
    @Override public boolean allTablesAreSelectable() throws SQLException { enter("allTablesAreSelectable"); return false; }
    @Override public String getURL() throws SQLException { enter("getURL"); return StubDriver.url(connection.behaviour().name()); }
    @Override public String getUserName() throws SQLException { enter("getUserName"); return connection.user(); }
    @Override public boolean isReadOnly() throws SQLException { enter("isReadOnly"); return false; }
    @Override public boolean nullsAreSortedHigh() throws SQLException { enter("nullsAreSortedHigh"); return false; }
    @Override public boolean nullsAreSortedLow() throws SQLException { enter("nullsAreSortedLow"); return false; }
    @Override public boolean nullsAreSortedAtStart() throws SQLException { enter("nullsAreSortedAtStart"); return false; }
    @Override public boolean nullsAreSortedAtEnd() throws SQLException { enter("nullsAreSortedAtEnd"); return false; }
    @Override public String getDatabaseProductName() throws SQLException { enter("getDatabaseProductName"); return "Stub"; }
    @Override public String getDatabaseProductVersion() throws SQLException { enter("getDatabaseProductVersion"); return "1.0"; }
    @Override public String getDriverName() throws SQLException { enter("getDriverName"); return "credpool stub driver"; }
    @Override public String getDriverVersion() throws SQLException { enter("getDriverVersion"); return "1.0"; }
    @Override public int getDriverMajorVersion() { enter("getDriverMajorVersion"); return 1; }
    @Override public int getDriverMinorVersion() { enter("getDriverMinorVersion"); return 0; }
    @Override public boolean usesLocalFiles() throws SQLException { enter("usesLocalFiles"); return false; }
    @Override public boolean usesLocalFilePerTable() throws SQLException { enter("usesLocalFilePerTable"); return false; }
    @Override public boolean supportsMixedCaseIdentifiers() throws SQLException { enter("supportsMixedCaseIdentifiers"); return false; }
    @Override public boolean storesUpperCaseIdentifiers() throws SQLException { enter("storesUpperCaseIdentifiers"); return false; }
    @Override public boolean storesLowerCaseIdentifiers() throws SQLException { enter("storesLowerCaseIdentifiers"); return false; }
    @Override public boolean storesMixedCaseIdentifiers() throws SQLException { enter("storesMixedCaseIdentifiers"); return false; }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException { enter("supportsMixedCaseQuotedIdentifiers"); return false; }
    @Override public boolean storesUpperCaseQuotedIdentifiers() throws SQLException { enter("storesUpperCaseQuotedIdentifiers"); return false; }
    @Override public boolean storesLowerCaseQuotedIdentifiers() throws SQLException { enter("storesLowerCaseQuotedIdentifiers"); return false; }
    @Override public boolean storesMixedCaseQuotedIdentifiers() throws SQLException { enter("storesMixedCaseQuotedIdentifiers"); return false; }
    @Override public String getIdentifierQuoteString() throws SQLException { enter("getIdentifierQuoteString"); return "\""; }
    @Override public String getSQLKeywords() throws SQLException { enter("getSQLKeywords"); return ""; }
    @Override public String getNumericFunctions() throws SQLException { enter("getNumericFunctions"); return ""; }
    @Override public String getStringFunctions() throws SQLException { enter("getStringFunctions"); return ""; }
    @Override public String getSystemFunctions() throws SQLException { enter("getSystemFunctions"); return ""; }
    @Override public String getTimeDateFunctions() throws SQLException { enter("getTimeDateFunctions"); return ""; }
    @Override public String getSearchStringEscape() throws SQLException { enter("getSearchStringEscape"); return "\\"; }
    @Override public String getExtraNameCharacters() throws SQLException { enter("getExtraNameCharacters"); return ""; }
    @Override public boolean supportsAlterTableWithAddColumn() throws SQLException { enter("supportsAlterTableWithAddColumn"); return false; }
    @Override public boolean supportsAlterTableWithDropColumn() throws SQLException { enter("supportsAlterTableWithDropColumn"); return false; }
    @Override public boolean supportsColumnAliasing() throws SQLException { enter("supportsColumnAliasing"); return false; }
    @Override public boolean nullPlusNonNullIsNull() throws SQLException { enter("nullPlusNonNullIsNull"); return false; }
    @Override public boolean supportsConvert() throws SQLException { enter("supportsConvert"); return false; }
    @Override public boolean supportsConvert(int fromType, int toType) throws SQLException { enter("supportsConvert"); return false; }
    @Override public boolean supportsTableCorrelationNames() throws SQLException { enter("supportsTableCorrelationNames"); return false; }
    @Override public boolean supportsDifferentTableCorrelationNames() throws SQLException { enter("supportsDifferentTableCorrelationNames"); return false; }
    @Override public boolean supportsExpressionsInOrderBy() throws SQLException { enter("supportsExpressionsInOrderBy"); return false; }
    @Override public boolean supportsOrderByUnrelated() throws SQLException { enter("supportsOrderByUnrelated"); return false; }
    @Override public boolean supportsGroupBy() throws SQLException { enter("supportsGroupBy"); return false; }
    @Override public boolean supportsGroupByUnrelated() throws SQLException { enter("supportsGroupByUnrelated"); return false; }
    @Override public boolean supportsGroupByBeyondSelect() throws SQLException { enter("supportsGroupByBeyondSelect"); return false; }
    @Override public boolean supportsLikeEscapeClause() throws SQLException { enter("supportsLikeEscapeClause"); return false; }
    @Override public boolean supportsMultipleResultSets() throws SQLException { enter("supportsMultipleResultSets"); return false; }
    @Override public boolean supportsMultipleTransactions() throws SQLException { enter("supportsMultipleTransactions"); return false; }
    @Override public boolean supportsNonNullableColumns() throws SQLException { enter("supportsNonNullableColumns"); return false; }
    @Override public boolean supportsMinimumSQLGrammar() throws SQLException { enter("supportsMinimumSQLGrammar"); return false; }
    @Override public boolean supportsCoreSQLGrammar() throws SQLException { enter("supportsCoreSQLGrammar"); return false; }
    @Override public boolean supportsExtendedSQLGrammar() throws SQLException { enter("supportsExtendedSQLGrammar"); return false; }
    @Override public boolean supportsANSI92EntryLevelSQL() throws SQLException { enter("supportsANSI92EntryLevelSQL"); return false; }
    @Override public boolean supportsANSI92IntermediateSQL() throws SQLException { enter("supportsANSI92IntermediateSQL"); return false; }
    @Override public boolean supportsANSI92FullSQL() throws SQLException { enter("supportsANSI92FullSQL"); return false; }
    @Override public boolean supportsIntegrityEnhancementFacility() throws SQLException { enter("supportsIntegrityEnhancementFacility"); return false; }
    @Override public boolean supportsOuterJoins() throws SQLException { enter("supportsOuterJoins"); return false; }
    @Override public boolean supportsFullOuterJoins() throws SQLException { enter("supportsFullOuterJoins"); return false; }
    @Override public boolean supportsLimitedOuterJoins() throws SQLException { enter("supportsLimitedOuterJoins"); return false; }
    @Override public String getSchemaTerm() throws SQLException { enter("getSchemaTerm"); return "schema"; }
    @Override public String getProcedureTerm() throws SQLException { enter("getProcedureTerm"); return "function"; }
    @Override public String getCatalogTerm() throws SQLException { enter("getCatalogTerm"); return "database"; }
    @Override public boolean isCatalogAtStart() throws SQLException { enter("isCatalogAtStart"); return false; }
    @Override public String getCatalogSeparator() throws SQLException { enter("getCatalogSeparator"); return "."; }
    @Override public boolean supportsSchemasInDataManipulation() throws SQLException { enter("supportsSchemasInDataManipulation"); return false; }
    @Override public boolean supportsSchemasInProcedureCalls() throws SQLException { enter("supportsSchemasInProcedureCalls"); return false; }
    @Override public boolean supportsSchemasInTableDefinitions() throws SQLException { enter("supportsSchemasInTableDefinitions"); return false; }
    @Override public boolean supportsSchemasInIndexDefinitions() throws SQLException { enter("supportsSchemasInIndexDefinitions"); return false; }
    @Override public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException { enter("supportsSchemasInPrivilegeDefinitions"); return false; }
    @Override public boolean supportsCatalogsInDataManipulation() throws SQLException { enter("supportsCatalogsInDataManipulation"); return false; }
    @Override public boolean supportsCatalogsInProcedureCalls() throws SQLException { enter("supportsCatalogsInProcedureCalls"); return false; }
    @Override public boolean supportsCatalogsInTableDefinitions() throws SQLException { enter("supportsCatalogsInTableDefinitions"); return false; }
    @Override public boolean supportsCatalogsInIndexDefinitions() throws SQLException { enter("supportsCatalogsInIndexDefinitions"); return false; }
    @Override public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException { enter("supportsCatalogsInPrivilegeDefinitions"); return false; }
    @Override public boolean supportsPositionedDelete() throws SQLException { enter("supportsPositionedDelete"); return false; }
    @Override public boolean supportsPositionedUpdate() throws SQLException { enter("supportsPositionedUpdate"); return false; }
    @Override public boolean supportsSelectForUpdate() throws SQLException { enter("supportsSelectForUpdate"); return false; }
    @Override public boolean supportsStoredProcedures() throws SQLException { enter("supportsStoredProcedures"); return false; }
    @Override public boolean supportsSubqueriesInComparisons() throws SQLException { enter("supportsSubqueriesInComparisons"); return false; }
    @Override public boolean supportsSubqueriesInExists() throws SQLException { enter("supportsSubqueriesInExists"); return false; }
    @Override public boolean supportsSubqueriesInIns() throws SQLException { enter("supportsSubqueriesInIns"); return false; }
    @Override public boolean supportsSubqueriesInQuantifieds() throws SQLException { enter("supportsSubqueriesInQuantifieds"); return false; }
    @Override public boolean supportsCorrelatedSubqueries() throws SQLException { enter("supportsCorrelatedSubqueries"); return false; }
    @Override public boolean supportsUnion() throws SQLException { enter("supportsUnion"); return false; }
    @Override public boolean supportsUnionAll() throws SQLException { enter("supportsUnionAll"); return false; }
    @Override public boolean supportsOpenCursorsAcrossCommit() throws SQLException { enter("supportsOpenCursorsAcrossCommit"); return false; }
    @Override public boolean supportsOpenCursorsAcrossRollback() throws SQLException { enter("supportsOpenCursorsAcrossRollback"); return false; }
    @Override public boolean supportsOpenStatementsAcrossCommit() throws SQLException { enter("supportsOpenStatementsAcrossCommit"); return false; }
    @Override public boolean supportsOpenStatementsAcrossRollback() throws SQLException { enter("supportsOpenStatementsAcrossRollback"); return false; }
    @Override public int getMaxBinaryLiteralLength() throws SQLException { enter("getMaxBinaryLiteralLength"); return 0; }
    @Override public int getMaxCharLiteralLength() throws SQLException { enter("getMaxCharLiteralLength"); return 0; }
    @Override public int getMaxColumnNameLength() throws SQLException { enter("getMaxColumnNameLength"); return 0; }
    @Override public int getMaxColumnsInGroupBy() throws SQLException { enter("getMaxColumnsInGroupBy"); return 0; }
    @Override public int getMaxColumnsInIndex() throws SQLException { enter("getMaxColumnsInIndex"); return 0; }
    @Override public int getMaxColumnsInOrderBy() throws SQLException { enter("getMaxColumnsInOrderBy"); return 0; }
    @Override public int getMaxColumnsInSelect() throws SQLException { enter("getMaxColumnsInSelect"); return 0; }
    @Override public int getMaxColumnsInTable() throws SQLException { enter("getMaxColumnsInTable"); return 0; }
    @Override public int getMaxConnections() throws SQLException { enter("getMaxConnections"); return 0; }
    @Override public int getMaxCursorNameLength() throws SQLException { enter("getMaxCursorNameLength"); return 0; }
    @Override public int getMaxIndexLength() throws SQLException { enter("getMaxIndexLength"); return 0; }
    @Override public int getMaxSchemaNameLength() throws SQLException { enter("getMaxSchemaNameLength"); return 0; }
    @Override public int getMaxProcedureNameLength() throws SQLException { enter("getMaxProcedureNameLength"); return 0; }
    @Override public int getMaxCatalogNameLength() throws SQLException { enter("getMaxCatalogNameLength"); return 0; }
    @Override public int getMaxRowSize() throws SQLException { enter("getMaxRowSize"); return 0; }
    @Override public boolean doesMaxRowSizeIncludeBlobs() throws SQLException { enter("doesMaxRowSizeIncludeBlobs"); return false; }
    @Override public int getMaxStatementLength() throws SQLException { enter("getMaxStatementLength"); return 0; }
    @Override public int getMaxStatements() throws SQLException { enter("getMaxStatements"); return 0; }
    @Override public int getMaxTableNameLength() throws SQLException { enter("getMaxTableNameLength"); return 0; }
    @Override public int getMaxTablesInSelect() throws SQLException { enter("getMaxTablesInSelect"); return 0; }
    @Override public int getMaxUserNameLength() throws SQLException { enter("getMaxUserNameLength"); return 0; }
    @Override public int getDefaultTransactionIsolation() throws SQLException { enter("getDefaultTransactionIsolation"); return StubConnection.DEFAULT_ISOLATION; }
    @Override public boolean supportsTransactions() throws SQLException { enter("supportsTransactions"); return true; }
    @Override public boolean supportsTransactionIsolationLevel(int level) throws SQLException { enter("supportsTransactionIsolationLevel"); return false; }
    @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException { enter("supportsDataDefinitionAndDataManipulationTransactions"); return false; }
    @Override public boolean supportsDataManipulationTransactionsOnly() throws SQLException { enter("supportsDataManipulationTransactionsOnly"); return false; }
    @Override public boolean dataDefinitionCausesTransactionCommit() throws SQLException { enter("dataDefinitionCausesTransactionCommit"); return false; }
    @Override public boolean dataDefinitionIgnoredInTransactions() throws SQLException { enter("dataDefinitionIgnoredInTransactions"); return false; }
    @Override public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException { return rows("getProcedures", 0); }
    @Override public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException { return rows("getProcedureColumns", 0); }
    @Override public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException { return rows("getTables", connection.behaviour().rows); }
    @Override public ResultSet getSchemas() throws SQLException { return rows("getSchemas", 0); }
    @Override public ResultSet getCatalogs() throws SQLException { return rows("getCatalogs", 0); }
    @Override public ResultSet getTableTypes() throws SQLException { return rows("getTableTypes", 0); }
    @Override public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException { return rows("getColumns", connection.behaviour().rows); }
    @Override public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException { return rows("getColumnPrivileges", 0); }
    @Override public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { return rows("getTablePrivileges", 0); }
    @Override public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException { return rows("getBestRowIdentifier", 0); }
    @Override public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException { return rows("getVersionColumns", 0); }
    @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException { return rows("getPrimaryKeys", 0); }
    @Override public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException { return rows("getImportedKeys", 0); }
    @Override public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException { return rows("getExportedKeys", 0); }
    @Override public ResultSet getCrossReference( String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable ) throws SQLException { return rows("getCrossReference", 0); }
    @Override public ResultSet getTypeInfo() throws SQLException { return rows("getTypeInfo", 0); }
    @Override public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException { return rows("getIndexInfo", 0); }
    @Override public boolean supportsResultSetType(int type) throws SQLException { enter("supportsResultSetType"); return false; }
    @Override public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException { enter("supportsResultSetConcurrency"); return false; }
    @Override public boolean ownUpdatesAreVisible(int type) throws SQLException { enter("ownUpdatesAreVisible"); return false; }
    @Override public boolean ownDeletesAreVisible(int type) throws SQLException { enter("ownDeletesAreVisible"); return false; }
    @Override public boolean ownInsertsAreVisible(int type) throws SQLException { enter("ownInsertsAreVisible"); return false; }
    @Override public boolean othersUpdatesAreVisible(int type) throws SQLException { enter("othersUpdatesAreVisible"); return false; }
    @Override public boolean othersDeletesAreVisible(int type) throws SQLException { enter("othersDeletesAreVisible"); return false; }
    @Override public boolean othersInsertsAreVisible(int type) throws SQLException { enter("othersInsertsAreVisible"); return false; }
    @Override public boolean updatesAreDetected(int type) throws SQLException { enter("updatesAreDetected"); return false; }
    @Override public boolean deletesAreDetected(int type) throws SQLException { enter("deletesAreDetected"); return false; }
    @Override public boolean insertsAreDetected(int type) throws SQLException { enter("insertsAreDetected"); return false; }
    @Override public boolean supportsBatchUpdates() throws SQLException { enter("supportsBatchUpdates"); return false; }
    @Override public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException { return rows("getUDTs", 0); }
    @Override public Connection getConnection() throws SQLException { enter("getConnection"); return connection; }
    @Override public boolean supportsSavepoints() throws SQLException { enter("supportsSavepoints"); return false; }
    @Override public boolean supportsNamedParameters() throws SQLException { enter("supportsNamedParameters"); return false; }
    @Override public boolean supportsMultipleOpenResults() throws SQLException { enter("supportsMultipleOpenResults"); return false; }
    @Override public boolean supportsGetGeneratedKeys() throws SQLException { enter("supportsGetGeneratedKeys"); return false; }
    @Override public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException { return rows("getSuperTypes", 0); }
    @Override public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { return rows("getSuperTables", 0); }
    @Override public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException { return rows("getAttributes", 0); }
    @Override public boolean supportsResultSetHoldability(int holdability) throws SQLException { enter("supportsResultSetHoldability"); return false; }
    @Override public int getResultSetHoldability() throws SQLException { enter("getResultSetHoldability"); return ResultSet.HOLD_CURSORS_OVER_COMMIT; }
    @Override public int getDatabaseMajorVersion() throws SQLException { enter("getDatabaseMajorVersion"); return 1; }
    @Override public int getDatabaseMinorVersion() throws SQLException { enter("getDatabaseMinorVersion"); return 0; }
    @Override public int getJDBCMajorVersion() throws SQLException { enter("getJDBCMajorVersion"); return 4; }
    @Override public int getJDBCMinorVersion() throws SQLException { enter("getJDBCMinorVersion"); return 3; }
    @Override public int getSQLStateType() throws SQLException { enter("getSQLStateType"); return sqlStateSQL; }
    @Override public boolean locatorsUpdateCopy() throws SQLException { enter("locatorsUpdateCopy"); return false; }
    @Override public boolean supportsStatementPooling() throws SQLException { enter("supportsStatementPooling"); return false; }
    @Override public RowIdLifetime getRowIdLifetime() throws SQLException { enter("getRowIdLifetime"); return RowIdLifetime.ROWID_UNSUPPORTED; }
    @Override public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException { return rows("getSchemas", 0); }
    @Override public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException { enter("supportsStoredFunctionsUsingCallSyntax"); return false; }
    @Override public boolean autoCommitFailureClosesAllResultSets() throws SQLException { enter("autoCommitFailureClosesAllResultSets"); return false; }
    @Override public ResultSet getClientInfoProperties() throws SQLException { return rows("getClientInfoProperties", 0); }
    @Override public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException { return rows("getFunctions", 0); }
    @Override public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException { return rows("getFunctionColumns", 0); }
    @Override public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException { return rows("getPseudoColumns", 0); }
    @Override public boolean generatedKeyAlwaysReturned() throws SQLException { enter("generatedKeyAlwaysReturned"); return false; }
}
