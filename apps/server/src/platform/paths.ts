import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's folder (apps/server), wherever this code runs from: the TypeScript sources (src/…) under tsx,
 * or the built bundle (dist/…) under `npm start`. Found by walking up to the package.json of @jiake/server.
 */
function findServerRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === '@jiake/server') return dir;
    if (path.dirname(dir) === dir) throw new Error('the @jiake/server package folder was not found above this module');
  }
}

export const SERVER_ROOT = findServerRoot();
