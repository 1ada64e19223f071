export interface Config {
  /** Configuration of the PostgreSQL HA suite's backend plugin. */
  postgresHa?: {};
}
