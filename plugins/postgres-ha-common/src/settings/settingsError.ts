/** One validation problem: the dotted field path and what is allowed there. */
export interface SettingsError {
  path: string;
  message: string;
}
