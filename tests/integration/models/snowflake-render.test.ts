import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../../../src/main/models/render';

/** Debian's python3-sqlglot installs for the system interpreter, which a pyenv shim may hide. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// Parses each statement, and the body of any statement sqlglot only keeps as an opaque command
// (CREATE DYNAMIC TABLE), so that every SELECT really goes through the Snowflake grammar.
const PARSER = `
import json, sys
try:
    import sqlglot
    from sqlglot import exp
except ImportError:
    print(json.dumps({"missing": True})); sys.exit(0)
models = json.load(open(sys.argv[1]))
errors = []
for model in models:
    for label, sql in (("statement", model["statement"]), ("select", model["select"])):
        try:
            parsed = sqlglot.parse(sql, read="snowflake")
            if label == "select" and any(isinstance(node, exp.Command) for node in parsed):
                errors.append({"name": model["name"], "label": label, "error": "parsed only as an opaque command"})
        except Exception as error:
            errors.append({"name": model["name"], "label": label, "error": str(error)[:400]})
print(json.dumps({"missing": False, "errors": errors}))
`;

describe('Snowflake rendering', () => {
  it('renders every model into SQL that a Snowflake-dialect parser accepts', () => {
    const models = renderAll('snowflake');
    expect(models.length).toBeGreaterThan(20);
    for (const model of models) expect(model.statement).not.toMatch(/\$\d|QUALIFY .* GROUP BY ALL/);
    const dir = mkdtempSync(join(tmpdir(), 'puente-snowflake-'));
    writeFileSync(join(dir, 'models.json'), JSON.stringify(models));
    writeFileSync(join(dir, 'parse.py'), PARSER);
    const output = JSON.parse(
      execFileSync(PYTHON, [join(dir, 'parse.py'), join(dir, 'models.json')], { encoding: 'utf8' }),
    );
    if (output.missing) {
      throw new Error('sqlglot is not installed: run `apt-get install -y python3-sqlglot` (CI installs it)');
    }
    expect(output.errors).toEqual([]);
  });
});
