import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** Repository root (…/main). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared external data folder beside the project (never copied into it). */
export const EXTERNAL_DATA = resolve(REPO_ROOT, '..', 'shared', 'data', 'external');
