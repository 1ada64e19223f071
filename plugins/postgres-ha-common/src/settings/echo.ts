const ECHO_MAX = 40;

/**
 * `value` quoted for an error message: cut to 40 characters and with every control or
 * line-separator character escaped, so a message never repeats unbounded or hostile input.
 */
export function shown(value: string): string {
  const cut = value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
