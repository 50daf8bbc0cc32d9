/** A timestamp in MS-DOS format as stored in ZIP headers (2-second resolution, 1980–2107, no time zone). */
export interface DosDateTime {
  readonly date: number;
  readonly time: number;
}

/** The ZIP epoch, 1980-01-01T00:00:00Z: the default timestamp, which keeps output deterministic. */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));

/** Encodes `when` (UTC components, clamped to the representable range) as an MS-DOS date and time. */
export function toDosDateTime(when: Date): DosDateTime {
  const ms = Math.min(Math.max(when.getTime(), ZIP_EPOCH.getTime()), Date.UTC(2107, 11, 31, 23, 59, 58));
  const d = new Date(ms);
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/** Decodes an MS-DOS date and time (read as UTC) into a Date. */
export function fromDosDateTime(date: number, time: number): Date {
  return new Date(
    Date.UTC(
      (date >> 9) + 1980,
      Math.max(((date >> 5) & 0x0f) - 1, 0),
      Math.max(date & 0x1f, 1),
      time >> 11,
      (time >> 5) & 0x3f,
      (time & 0x1f) * 2,
    ),
  );
}
