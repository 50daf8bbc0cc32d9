/**
 * Columns separated by two spaces, the layout of `juju status` (juju/juju cmd/output/tabularwriter.go:
 * tabwriter, padding 2); `alignRight` names the columns aligned right (Scale and Rev in `juju status`).
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  alignRight: readonly number[] = [],
): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return `${rows
    .map((row) =>
      row
        .map((cell, i) => {
          const width = widths[i] ?? 0;
          if (alignRight.includes(i)) return cell.padStart(width);
          return i === row.length - 1 ? cell : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
