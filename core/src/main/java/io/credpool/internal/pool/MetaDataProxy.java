package io.credpool.internal.pool;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Database metadata whose {@code getConnection()} returns the borrower's proxy, not the driver's
 * connection. Every call checks the connection's lease first, so metadata kept past
 * {@code Connection.close()} cannot run its queries in the next borrower's session; every
 * SQLException from the driver passes through {@link ConnectionProxy#fail}; the result sets it
 * returns are {@link ResultSetProxy}s, which hold to the same rules.
 */
final class MetaDataProxy implements DatabaseMetaData {

    private final ConnectionProxy connection;
    private final DatabaseMetaData md;

    MetaDataProxy(ConnectionProxy connection, DatabaseMetaData md) {
        this.connection = connection;
        this.md = md;
    }

    private SQLException fail(SQLException e) {
        return connection.fail(e);
    }

    /** The driver's metadata, while the connection's lease lasts. */
    private DatabaseMetaData md() throws SQLException {
        connection.checkOpen();
        return md;
    }

    private ResultSet wrap(ResultSet rs) {
        return rs == null ? null : new ResultSetProxy(connection, null, rs);
    }

    @Override
    public Connection getConnection() throws SQLException {
        connection.checkOpen();
        return connection;
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { try { return iface.isInstance(this) ? iface.cast(this) : Wrappers.unwrap(md(), iface); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { try { return iface.isInstance(this) || Wrappers.isWrapperFor(md(), iface); } catch (SQLException e) { throw fail(e); } }

    // The driver's version numbers cannot fail and do not concern the connection.
    @Override public int getDriverMajorVersion() { return md.getDriverMajorVersion(); }
    @Override public int getDriverMinorVersion() { return md.getDriverMinorVersion(); }

    @Override public boolean allProceduresAreCallable() throws SQLException { try { return md().allProceduresAreCallable(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean allTablesAreSelectable() throws SQLException { try { return md().allTablesAreSelectable(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getURL() throws SQLException { try { return md().getURL(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getUserName() throws SQLException { try { return md().getUserName(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isReadOnly() throws SQLException { try { return md().isReadOnly(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean nullsAreSortedHigh() throws SQLException { try { return md().nullsAreSortedHigh(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean nullsAreSortedLow() throws SQLException { try { return md().nullsAreSortedLow(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean nullsAreSortedAtStart() throws SQLException { try { return md().nullsAreSortedAtStart(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean nullsAreSortedAtEnd() throws SQLException { try { return md().nullsAreSortedAtEnd(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getDatabaseProductName() throws SQLException { try { return md().getDatabaseProductName(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getDatabaseProductVersion() throws SQLException { try { return md().getDatabaseProductVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getDriverName() throws SQLException { try { return md().getDriverName(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getDriverVersion() throws SQLException { try { return md().getDriverVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean usesLocalFiles() throws SQLException { try { return md().usesLocalFiles(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean usesLocalFilePerTable() throws SQLException { try { return md().usesLocalFilePerTable(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMixedCaseIdentifiers() throws SQLException { try { return md().supportsMixedCaseIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesUpperCaseIdentifiers() throws SQLException { try { return md().storesUpperCaseIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesLowerCaseIdentifiers() throws SQLException { try { return md().storesLowerCaseIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesMixedCaseIdentifiers() throws SQLException { try { return md().storesMixedCaseIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException { try { return md().supportsMixedCaseQuotedIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesUpperCaseQuotedIdentifiers() throws SQLException { try { return md().storesUpperCaseQuotedIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesLowerCaseQuotedIdentifiers() throws SQLException { try { return md().storesLowerCaseQuotedIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean storesMixedCaseQuotedIdentifiers() throws SQLException { try { return md().storesMixedCaseQuotedIdentifiers(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getIdentifierQuoteString() throws SQLException { try { return md().getIdentifierQuoteString(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getSQLKeywords() throws SQLException { try { return md().getSQLKeywords(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getNumericFunctions() throws SQLException { try { return md().getNumericFunctions(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getStringFunctions() throws SQLException { try { return md().getStringFunctions(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getSystemFunctions() throws SQLException { try { return md().getSystemFunctions(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getTimeDateFunctions() throws SQLException { try { return md().getTimeDateFunctions(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getSearchStringEscape() throws SQLException { try { return md().getSearchStringEscape(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getExtraNameCharacters() throws SQLException { try { return md().getExtraNameCharacters(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsAlterTableWithAddColumn() throws SQLException { try { return md().supportsAlterTableWithAddColumn(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsAlterTableWithDropColumn() throws SQLException { try { return md().supportsAlterTableWithDropColumn(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsColumnAliasing() throws SQLException { try { return md().supportsColumnAliasing(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean nullPlusNonNullIsNull() throws SQLException { try { return md().nullPlusNonNullIsNull(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsConvert() throws SQLException { try { return md().supportsConvert(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsConvert(int fromType, int toType) throws SQLException { try { return md().supportsConvert(fromType, toType); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsTableCorrelationNames() throws SQLException { try { return md().supportsTableCorrelationNames(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsDifferentTableCorrelationNames() throws SQLException { try { return md().supportsDifferentTableCorrelationNames(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsExpressionsInOrderBy() throws SQLException { try { return md().supportsExpressionsInOrderBy(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOrderByUnrelated() throws SQLException { try { return md().supportsOrderByUnrelated(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsGroupBy() throws SQLException { try { return md().supportsGroupBy(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsGroupByUnrelated() throws SQLException { try { return md().supportsGroupByUnrelated(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsGroupByBeyondSelect() throws SQLException { try { return md().supportsGroupByBeyondSelect(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsLikeEscapeClause() throws SQLException { try { return md().supportsLikeEscapeClause(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMultipleResultSets() throws SQLException { try { return md().supportsMultipleResultSets(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMultipleTransactions() throws SQLException { try { return md().supportsMultipleTransactions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsNonNullableColumns() throws SQLException { try { return md().supportsNonNullableColumns(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMinimumSQLGrammar() throws SQLException { try { return md().supportsMinimumSQLGrammar(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCoreSQLGrammar() throws SQLException { try { return md().supportsCoreSQLGrammar(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsExtendedSQLGrammar() throws SQLException { try { return md().supportsExtendedSQLGrammar(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsANSI92EntryLevelSQL() throws SQLException { try { return md().supportsANSI92EntryLevelSQL(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsANSI92IntermediateSQL() throws SQLException { try { return md().supportsANSI92IntermediateSQL(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsANSI92FullSQL() throws SQLException { try { return md().supportsANSI92FullSQL(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsIntegrityEnhancementFacility() throws SQLException { try { return md().supportsIntegrityEnhancementFacility(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOuterJoins() throws SQLException { try { return md().supportsOuterJoins(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsFullOuterJoins() throws SQLException { try { return md().supportsFullOuterJoins(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsLimitedOuterJoins() throws SQLException { try { return md().supportsLimitedOuterJoins(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getSchemaTerm() throws SQLException { try { return md().getSchemaTerm(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getProcedureTerm() throws SQLException { try { return md().getProcedureTerm(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getCatalogTerm() throws SQLException { try { return md().getCatalogTerm(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean isCatalogAtStart() throws SQLException { try { return md().isCatalogAtStart(); } catch (SQLException e) { throw fail(e); } }
    @Override public String getCatalogSeparator() throws SQLException { try { return md().getCatalogSeparator(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSchemasInDataManipulation() throws SQLException { try { return md().supportsSchemasInDataManipulation(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSchemasInProcedureCalls() throws SQLException { try { return md().supportsSchemasInProcedureCalls(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSchemasInTableDefinitions() throws SQLException { try { return md().supportsSchemasInTableDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSchemasInIndexDefinitions() throws SQLException { try { return md().supportsSchemasInIndexDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException { try { return md().supportsSchemasInPrivilegeDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCatalogsInDataManipulation() throws SQLException { try { return md().supportsCatalogsInDataManipulation(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCatalogsInProcedureCalls() throws SQLException { try { return md().supportsCatalogsInProcedureCalls(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCatalogsInTableDefinitions() throws SQLException { try { return md().supportsCatalogsInTableDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCatalogsInIndexDefinitions() throws SQLException { try { return md().supportsCatalogsInIndexDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException { try { return md().supportsCatalogsInPrivilegeDefinitions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsPositionedDelete() throws SQLException { try { return md().supportsPositionedDelete(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsPositionedUpdate() throws SQLException { try { return md().supportsPositionedUpdate(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSelectForUpdate() throws SQLException { try { return md().supportsSelectForUpdate(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsStoredProcedures() throws SQLException { try { return md().supportsStoredProcedures(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSubqueriesInComparisons() throws SQLException { try { return md().supportsSubqueriesInComparisons(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSubqueriesInExists() throws SQLException { try { return md().supportsSubqueriesInExists(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSubqueriesInIns() throws SQLException { try { return md().supportsSubqueriesInIns(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSubqueriesInQuantifieds() throws SQLException { try { return md().supportsSubqueriesInQuantifieds(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsCorrelatedSubqueries() throws SQLException { try { return md().supportsCorrelatedSubqueries(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsUnion() throws SQLException { try { return md().supportsUnion(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsUnionAll() throws SQLException { try { return md().supportsUnionAll(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOpenCursorsAcrossCommit() throws SQLException { try { return md().supportsOpenCursorsAcrossCommit(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOpenCursorsAcrossRollback() throws SQLException { try { return md().supportsOpenCursorsAcrossRollback(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOpenStatementsAcrossCommit() throws SQLException { try { return md().supportsOpenStatementsAcrossCommit(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsOpenStatementsAcrossRollback() throws SQLException { try { return md().supportsOpenStatementsAcrossRollback(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxBinaryLiteralLength() throws SQLException { try { return md().getMaxBinaryLiteralLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxCharLiteralLength() throws SQLException { try { return md().getMaxCharLiteralLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnNameLength() throws SQLException { try { return md().getMaxColumnNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnsInGroupBy() throws SQLException { try { return md().getMaxColumnsInGroupBy(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnsInIndex() throws SQLException { try { return md().getMaxColumnsInIndex(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnsInOrderBy() throws SQLException { try { return md().getMaxColumnsInOrderBy(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnsInSelect() throws SQLException { try { return md().getMaxColumnsInSelect(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxColumnsInTable() throws SQLException { try { return md().getMaxColumnsInTable(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxConnections() throws SQLException { try { return md().getMaxConnections(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxCursorNameLength() throws SQLException { try { return md().getMaxCursorNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxIndexLength() throws SQLException { try { return md().getMaxIndexLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxSchemaNameLength() throws SQLException { try { return md().getMaxSchemaNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxProcedureNameLength() throws SQLException { try { return md().getMaxProcedureNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxCatalogNameLength() throws SQLException { try { return md().getMaxCatalogNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxRowSize() throws SQLException { try { return md().getMaxRowSize(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean doesMaxRowSizeIncludeBlobs() throws SQLException { try { return md().doesMaxRowSizeIncludeBlobs(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxStatementLength() throws SQLException { try { return md().getMaxStatementLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxStatements() throws SQLException { try { return md().getMaxStatements(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxTableNameLength() throws SQLException { try { return md().getMaxTableNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxTablesInSelect() throws SQLException { try { return md().getMaxTablesInSelect(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getMaxUserNameLength() throws SQLException { try { return md().getMaxUserNameLength(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getDefaultTransactionIsolation() throws SQLException { try { return md().getDefaultTransactionIsolation(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsTransactions() throws SQLException { try { return md().supportsTransactions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsTransactionIsolationLevel(int level) throws SQLException { try { return md().supportsTransactionIsolationLevel(level); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException { try { return md().supportsDataDefinitionAndDataManipulationTransactions(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsDataManipulationTransactionsOnly() throws SQLException { try { return md().supportsDataManipulationTransactionsOnly(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean dataDefinitionCausesTransactionCommit() throws SQLException { try { return md().dataDefinitionCausesTransactionCommit(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean dataDefinitionIgnoredInTransactions() throws SQLException { try { return md().dataDefinitionIgnoredInTransactions(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException { try { return wrap(md().getProcedures(catalog, schemaPattern, procedureNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException { try { return wrap(md().getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException { try { return wrap(md().getTables(catalog, schemaPattern, tableNamePattern, types)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getSchemas() throws SQLException { try { return wrap(md().getSchemas()); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getCatalogs() throws SQLException { try { return wrap(md().getCatalogs()); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getTableTypes() throws SQLException { try { return wrap(md().getTableTypes()); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException { try { return wrap(md().getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException { try { return wrap(md().getColumnPrivileges(catalog, schema, table, columnNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { try { return wrap(md().getTablePrivileges(catalog, schemaPattern, tableNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException { try { return wrap(md().getBestRowIdentifier(catalog, schema, table, scope, nullable)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException { try { return wrap(md().getVersionColumns(catalog, schema, table)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException { try { return wrap(md().getPrimaryKeys(catalog, schema, table)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException { try { return wrap(md().getImportedKeys(catalog, schema, table)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException { try { return wrap(md().getExportedKeys(catalog, schema, table)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException { try { return wrap(md().getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getTypeInfo() throws SQLException { try { return wrap(md().getTypeInfo()); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException { try { return wrap(md().getIndexInfo(catalog, schema, table, unique, approximate)); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsResultSetType(int type) throws SQLException { try { return md().supportsResultSetType(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException { try { return md().supportsResultSetConcurrency(type, concurrency); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean ownUpdatesAreVisible(int type) throws SQLException { try { return md().ownUpdatesAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean ownDeletesAreVisible(int type) throws SQLException { try { return md().ownDeletesAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean ownInsertsAreVisible(int type) throws SQLException { try { return md().ownInsertsAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean othersUpdatesAreVisible(int type) throws SQLException { try { return md().othersUpdatesAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean othersDeletesAreVisible(int type) throws SQLException { try { return md().othersDeletesAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean othersInsertsAreVisible(int type) throws SQLException { try { return md().othersInsertsAreVisible(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean updatesAreDetected(int type) throws SQLException { try { return md().updatesAreDetected(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean deletesAreDetected(int type) throws SQLException { try { return md().deletesAreDetected(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean insertsAreDetected(int type) throws SQLException { try { return md().insertsAreDetected(type); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsBatchUpdates() throws SQLException { try { return md().supportsBatchUpdates(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException { try { return wrap(md().getUDTs(catalog, schemaPattern, typeNamePattern, types)); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSavepoints() throws SQLException { try { return md().supportsSavepoints(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsNamedParameters() throws SQLException { try { return md().supportsNamedParameters(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsMultipleOpenResults() throws SQLException { try { return md().supportsMultipleOpenResults(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsGetGeneratedKeys() throws SQLException { try { return md().supportsGetGeneratedKeys(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException { try { return wrap(md().getSuperTypes(catalog, schemaPattern, typeNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException { try { return wrap(md().getSuperTables(catalog, schemaPattern, tableNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException { try { return wrap(md().getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsResultSetHoldability(int holdability) throws SQLException { try { return md().supportsResultSetHoldability(holdability); } catch (SQLException e) { throw fail(e); } }
    @Override public int getResultSetHoldability() throws SQLException { try { return md().getResultSetHoldability(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getDatabaseMajorVersion() throws SQLException { try { return md().getDatabaseMajorVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getDatabaseMinorVersion() throws SQLException { try { return md().getDatabaseMinorVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getJDBCMajorVersion() throws SQLException { try { return md().getJDBCMajorVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getJDBCMinorVersion() throws SQLException { try { return md().getJDBCMinorVersion(); } catch (SQLException e) { throw fail(e); } }
    @Override public int getSQLStateType() throws SQLException { try { return md().getSQLStateType(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean locatorsUpdateCopy() throws SQLException { try { return md().locatorsUpdateCopy(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsStatementPooling() throws SQLException { try { return md().supportsStatementPooling(); } catch (SQLException e) { throw fail(e); } }
    @Override public RowIdLifetime getRowIdLifetime() throws SQLException { try { return md().getRowIdLifetime(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException { try { return wrap(md().getSchemas(catalog, schemaPattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException { try { return md().supportsStoredFunctionsUsingCallSyntax(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean autoCommitFailureClosesAllResultSets() throws SQLException { try { return md().autoCommitFailureClosesAllResultSets(); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getClientInfoProperties() throws SQLException { try { return wrap(md().getClientInfoProperties()); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException { try { return wrap(md().getFunctions(catalog, schemaPattern, functionNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException { try { return wrap(md().getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException { try { return wrap(md().getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern)); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean generatedKeyAlwaysReturned() throws SQLException { try { return md().generatedKeyAlwaysReturned(); } catch (SQLException e) { throw fail(e); } }
    @Override public long getMaxLogicalLobSize() throws SQLException { try { return md().getMaxLogicalLobSize(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsRefCursors() throws SQLException { try { return md().supportsRefCursors(); } catch (SQLException e) { throw fail(e); } }
    @Override public boolean supportsSharding() throws SQLException { try { return md().supportsSharding(); } catch (SQLException e) { throw fail(e); } }
}
