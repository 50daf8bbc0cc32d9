/** Error raised for any malformed, unsupported or unsafe archive, optionally naming the offending entry. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  /** Path of the entry the error is about, when it concerns a single entry. */
  readonly entry: string | undefined;

  constructor(message: string, entry?: string) {
    super(entry === undefined ? message : `${entry}: ${message}`);
    this.entry = entry;
  }
}
