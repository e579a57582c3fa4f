import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Parses Snowflake statements with sqlglot (Debian's python3-sqlglot) in one python process.
 * sqlglot 10.x (Debian 12) has two gaps worked around here, and only here:
 *  - it reads `$` as a parameter marker, so SYSTEM$... and METADATA$... names are quoted before parsing;
 *  - it reads CREATE PIPE/STAGE/INTEGRATION/FILE FORMAT as opaque commands, so a pipe's COPY
 *    SELECT list is also parsed on its own (with its @stage reference replaced by a table name).
 */
const CHECKER = String.raw`
import json, re, sys
try:
    import sqlglot
    from sqlglot import exp
except ImportError:
    print(json.dumps({"missing": True})); sys.exit(0)
DOLLAR = re.compile(r'\b(SYSTEM|METADATA)\$(\w+)')
PIPE_SELECT = re.compile(r'FROM \((SELECT .*) FROM @\S+\)', re.S)
def parse(sql):
    tree = sqlglot.parse_one(sql, read='snowflake')
    found = {"kind": type(tree).__name__}
    if isinstance(tree, exp.Create):
        found["columns"] = [c.name for c in tree.find_all(exp.ColumnDef)]
    if isinstance(tree, exp.Select):
        found["selected"] = len(tree.expressions)
    return found
results = []
for sql in json.load(sys.stdin):
    quoted = DOLLAR.sub(lambda m: '"%s$%s"' % (m.group(1), m.group(2)), sql)
    result = {}
    try:
        result.update(parse(quoted))
        body = PIPE_SELECT.search(quoted)
        if body:
            result["pipeSelect"] = parse(body.group(1) + " FROM staged_files")
    except Exception as error:
        result["error"] = str(error).splitlines()[0]
    results.append(result)
print(json.dumps({"version": sqlglot.__version__, "results": results}))
`;

export interface ParsedStatement {
  kind?: string;
  columns?: string[];
  selected?: number;
  pipeSelect?: { kind: string; selected?: number };
  error?: string;
}

function python(): string {
  if (process.env.PUENTE_PYTHON) return process.env.PUENTE_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

export function parseSnowflake(statements: readonly string[]): {
  version: string;
  results: ParsedStatement[];
} {
  const run = spawnSync(python(), ['-c', CHECKER], { input: JSON.stringify(statements), encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(
      `Cannot run ${python()} for the Snowflake SQL parser: ${run.error?.message ?? run.stderr}`,
    );
  const output = JSON.parse(run.stdout) as { missing?: boolean; version: string; results: ParsedStatement[] };
  if (output.missing)
    throw new Error(
      `python3-sqlglot is missing for ${python()}: install it with "apt-get install -y python3-sqlglot" (CI installs it in .ci/run)`,
    );
  return output;
}
