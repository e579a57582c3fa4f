import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Logger } from '../../../src/main/log/logger';
import { REDACTED, Redactor } from '../../../src/main/log/redact';

function capture(json: boolean, redactor = new Redactor()) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = new Logger({ redactor, json, out }, 'RUN-1');
  return { logger, redactor, text: () => chunks.join('') };
}

describe('redaction', () => {
  it('a registered secret never reaches a log line, wherever it hides', () => {
    const { logger, redactor, text } = capture(true);
    redactor.register('S3cr3t!pass');
    logger.info('login failed for S3cr3t!pass', {
      url: 'https://portal/login?p=S3cr3t%21pass',
      nested: { deeper: ['x', 'S3cr3t!pass'] },
      error: new Error('bad password S3cr3t!pass'),
    });
    expect(text()).not.toContain('S3cr3t!pass');
    expect(text()).not.toContain('S3cr3t%21pass');
    expect(text()).toContain(REDACTED);
  });

  it('fields named like secrets are replaced whole even when never registered', () => {
    const { logger, text } = capture(true);
    logger.info('session', {
      password: 'hunter22',
      sessionCookie: 'JSESSIONID=abc123',
      authorization: 'Bearer x',
    });
    const record = JSON.parse(text());
    expect(record.password).toBe(REDACTED);
    expect(record.sessionCookie).toBe(REDACTED);
    expect(record.authorization).toBe(REDACTED);
    expect(text()).not.toContain('hunter22');
  });

  it('ordinary fields pass through unchanged', () => {
    const { logger, text } = capture(true);
    logger.info('landed', { file: 'altas_export_1.xlsx', rows: 12 });
    const record = JSON.parse(text());
    expect(record).toMatchObject({ msg: 'landed', file: 'altas_export_1.xlsx', rows: 12, runId: 'RUN-1' });
  });

  it('very short values are not registered, so they cannot blank out every line', () => {
    const redactor = new Redactor();
    redactor.register('a');
    expect(redactor.scrubText('a banana')).toBe('a banana');
  });
});

describe('logger', () => {
  it('JSON mode writes one parseable record per line with the run id', () => {
    const { logger, text } = capture(true);
    logger.info('one');
    logger.child({ portal: 'sai' }).warn('two');
    const lines = text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.runId, line.level, line.msg])).toEqual([
      ['RUN-1', 'info', 'one'],
      ['RUN-1', 'warn', 'two'],
    ]);
    expect(lines[1].portal).toBe('sai');
  });

  it('human mode puts the run id and the level on every line', () => {
    const { logger, text } = capture(false);
    logger.error('portal locked', { portal: 'prei' });
    expect(text()).toMatch(/^\d\d:\d\d:\d\d ERROR \[RUN-1\] portal locked portal=prei\n$/);
  });

  it('debug lines are dropped at the default level', () => {
    const { logger, text } = capture(true);
    logger.debug('noise');
    expect(text()).toBe('');
  });
});
