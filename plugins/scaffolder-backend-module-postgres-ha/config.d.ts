export interface Config {
  postgresHa?: {
    /** Local publishing for the embedded default (no git host): used by postgres:publish:local. */
    localPublish?: {
      /**
       * Directory (relative to the backend's working directory) that receives one folder per
       * generated cluster; postgres:catalog:register-local registers the catalog-info.yaml there.
       */
      directory: string;
    };
  };
}
