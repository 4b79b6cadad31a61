package io.calisera.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * A service's own role on a PostgreSQL server, owning the service's schema and nothing else: what
 * the embedded server gets on every start (idempotent), and what README's "An external PostgreSQL"
 * has an operator run once. PUBLIC keeps no right on the database or on schema {@code public}, so
 * that one service's role can neither read nor write another's schema, nor leave tables where
 * another would find them.
 */
final class ServiceRole {

  private ServiceRole() {}

  /**
   * Creates role and schema {@code name} (or brings them back to this state), with {@code password}
   * as the role's, as the superuser on {@code connection}. Tables that an older version made in the
   * schema as the superuser pass to the role, so that its migrations can change them.
   */
  static void provision(Connection connection, String name, String password) throws SQLException {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("A role and schema name is [a-z_]+, was " + name);
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (var statement = connection.createStatement()) {
      statement.execute(
          """
          do $$ begin
            if not exists (select from pg_roles where rolname = '%1$s') then
              create role %1$s login;
            end if;
          end $$"""
              .formatted(name));
      statement.execute(
          "alter role "
              + name
              + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
      // the driver hashes the password: the statement carries the SCRAM verifier only
      connection
          .unwrap(PGConnection.class)
          .alterUserPassword(name, password.toCharArray(), "scram-sha-256");
      statement.execute("create schema if not exists %1$s authorization %1$s".formatted(name));
      statement.execute("alter schema %1$s owner to %1$s".formatted(name));
      statement.execute(
          """
          do $$ declare object record; begin
            -- tables first: their sequences and indexes follow them
            for object in select c.oid::regclass as name from pg_class c
                where c.relnamespace = '%1$s'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
                  and c.relowner <> '%1$s'::regrole loop
              execute format('alter table %%s owner to %1$s', object.name);
            end loop;
            for object in select c.oid::regclass as name from pg_class c
                where c.relnamespace = '%1$s'::regnamespace and c.relkind = 'S'
                  and c.relowner <> '%1$s'::regrole loop
              execute format('alter sequence %%s owner to %1$s', object.name);
            end loop;
            for object in select p.oid::regprocedure as name from pg_proc p
                where p.pronamespace = '%1$s'::regnamespace and p.proowner <> '%1$s'::regrole loop
              execute format('alter routine %%s owner to %1$s', object.name);
            end loop;
            execute format('revoke all on database %%I from public', current_database());
            execute format('grant connect on database %%I to %1$s', current_database());
          end $$"""
              .formatted(name));
      statement.execute("revoke all on schema %1$s from public".formatted(name));
      statement.execute("revoke all on schema public from public");
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
