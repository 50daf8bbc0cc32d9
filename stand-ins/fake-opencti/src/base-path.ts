/**
 * Normalise OpenCTI's `APP__BASE_PATH` as OpenCTI does: a leading `/`, no trailing `/`, and `''` for the
 * root. The charm sets it to the ingress URL's path, which may be `''`, `/` or `/opencti/`.
 */
export function normaliseBasePath(path: string | undefined): string {
  const trimmed = (path ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
