import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipDirectory } from '@ops-ts/archive';
import { buildCharm } from './build.js';
import { type CharmProject, platformOf } from './project.js';

/** The `.charm` file name charmcraft uses: `<name>_<platform>.charm`. */
export function charmFileName(project: CharmProject): string {
  return `${project.name}_${platformOf(project)}.charm`;
}

/** Builds a charm and zips its `dist/` tree (mode bits kept) into `<outDir>/<name>_<platform>.charm`. */
export async function packCharm(project: CharmProject, outDir = project.dir): Promise<string> {
  const { dist } = await buildCharm(project);
  const out = join(outDir, charmFileName(project));
  writeFileSync(out, zipDirectory(dist));
  return out;
}
