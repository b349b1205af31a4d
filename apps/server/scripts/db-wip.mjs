// Work-in-progress schema: drops the migrations after the last landed one and generates one migration from the
// current tables. Only for migrations not yet on main (LANDED below); landed migrations are forward-only.
// Hand-written SQL that drizzle-kit cannot generate (triggers, functions) lives in ../drizzle-custom/*.sql and is
// appended to the generated migration, in file-name order, so regenerating never loses it. When a migration lands,
// its custom files are deleted (their SQL is in the landed migration from then on).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const LANDED = 9; // 0000..0008 are on main
const NAME = process.argv[2] ?? 'wip';
const dir = new URL('../drizzle/', import.meta.url).pathname;
const customDir = new URL('../drizzle-custom/', import.meta.url).pathname;
const journalPath = `${dir}meta/_journal.json`;
const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
for (const e of journal.entries.filter((e) => e.idx >= LANDED)) {
  fs.rmSync(`${dir}${e.tag}.sql`, { force: true });
  fs.rmSync(`${dir}meta/${String(e.idx).padStart(4, '0')}_snapshot.json`, { force: true });
}
journal.entries = journal.entries.filter((e) => e.idx < LANDED);
fs.writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
execFileSync('npx', ['drizzle-kit', 'generate', '--name', NAME], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });

const custom = fs.existsSync(customDir) ? fs.readdirSync(customDir).filter((f) => f.endsWith('.sql')).sort() : [];
const generated = JSON.parse(fs.readFileSync(journalPath, 'utf8')).entries.at(-1);
if (custom.length && generated.idx >= LANDED) {
  const file = `${dir}${generated.tag}.sql`;
  let text = fs.readFileSync(file, 'utf8').trimEnd();
  for (const f of custom) text += `\n--> statement-breakpoint\n-- drizzle-custom/${f}\n${fs.readFileSync(`${customDir}${f}`, 'utf8').trim()}`;
  fs.writeFileSync(file, `${text}\n`);
}
