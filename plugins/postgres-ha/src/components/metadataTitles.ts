/** Our row titles are already written for people ("PostgreSQL version"); don't start-case them. */
export const KEEP_TITLES = { titleFormat: (key: string) => key };
