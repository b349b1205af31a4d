// Work-in-progress schema: drops the migrations after the last landed one and generates one migration from the
// current tables. Only for migrations not yet on main (LANDED below); landed migrations are forward-only.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const LANDED = 6; // 0000..0005 are on main
const NAME = process.argv[2] ?? 'wip';
const dir = new URL('../drizzle/', import.meta.url).pathname;
const journalPath = `${dir}meta/_journal.json`;
const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
for (const e of journal.entries.filter((e) => e.idx >= LANDED)) {
  fs.rmSync(`${dir}${e.tag}.sql`, { force: true });
  fs.rmSync(`${dir}meta/${String(e.idx).padStart(4, '0')}_snapshot.json`, { force: true });
}
journal.entries = journal.entries.filter((e) => e.idx < LANDED);
fs.writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
execFileSync('npx', ['drizzle-kit', 'generate', '--name', NAME], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
