// @ts-check

/**
 * The operations history and the per-cluster operation lock.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('postgres_ha_operations', table => {
    table.comment(
      'Guarded operations run on clusters, newest kept for the retention period',
    );
    table.string('id', 36).primary();
    table
      .string('cluster', 255)
      .notNullable()
      .comment('Source key, e.g. patroni:lab');
    table.string('entity_ref', 255).notNullable();
    table.string('operation', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.string('replica', 255).notNullable();
    table.text('parameters').notNullable().comment('JSON object');
    table.string('status', 16).notNullable();
    table.text('message').nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.index(
      ['cluster', 'started_at'],
      'postgres_ha_operations_cluster_idx',
    );
    table.index(['started_at'], 'postgres_ha_operations_started_idx');
  });
  await knex.schema.createTable('postgres_ha_operation_locks', table => {
    table.comment(
      'At most one running guarded operation per cluster, across replicas',
    );
    table.string('cluster', 255).primary();
    table
      .string('operation_id', 36)
      .notNullable()
      .references('id')
      .inTable('postgres_ha_operations')
      .onDelete('CASCADE');
    table.timestamp('lease_expires_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('postgres_ha_operation_locks');
  await knex.schema.dropTable('postgres_ha_operations');
};
