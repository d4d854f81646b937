/**
 * credpool's API: a pooled {@link javax.sql.DataSource} whose credentials come from the
 * environment.
 *
 * <pre>{@code
 * try (ConnectionPool pool = Database.open("postgresql://app:secret@localhost:5432/app")) {
 *     try (Connection c = pool.getConnection()) { ... }
 * }
 * }</pre>
 */
package io.credpool;
