/**
 * `parseJson` for tools whose output is secret (`secret-get`, `credential-get`): on bad output the error
 * says so without quoting it, since the output may hold secret values and errors end up in logs.
 */
export function parseSecretJson(tool: string, stdout: string): unknown {
  const text = stdout.trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${tool} printed output that is not JSON (${text.length} characters, not shown)`);
  }
}
