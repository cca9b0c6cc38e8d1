// The rule catalogue: every rule has a Chinese name and description, and the README's table lists exactly the rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULE_INFO } from '../src/core/validate/rules';
import { PROFILES } from '../src/core/profiles';

test("every rule of every profile is in the catalogue with a Chinese name and description", () => {
  for (const r of PROFILES.flatMap((p) => p.rules)) {
    const info = RULE_INFO[r.id];
    assert.ok(info, `rule ${r.id} has no entry in RULE_INFO`);
    assert.match(info.name, /[\u4e00-\u9fa5]/, `${r.id}: name must be Chinese`);
    assert.match(info.description, /[\u4e00-\u9fa5]/, `${r.id}: description must be Chinese`);
  }
});

test("the README's rule table lists exactly the catalogue's rules", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The checks'));
  const table = section.slice(0, section.indexOf('\n## '));
  const listed = new Set<string>();
  for (const line of table.split('\n')) {
    const m = /^\| ([^|]+) \|/.exec(line);
    if (!m) continue;
    const ids = [...m[1].matchAll(/`([a-z0-9-]+)`/g)].map((x) => x[1]);
    for (const id of ids) listed.add(id);
    // the second column is the rules' Chinese names, as the catalogue has them
    if (ids.length) assert.equal(line.split('|')[2].trim(), ids.map((id) => RULE_INFO[id]?.name).join('、'), `README row of ${ids.join(', ')}`);
  }
  assert.deepEqual([...listed].sort(), Object.keys(RULE_INFO).sort());
});
