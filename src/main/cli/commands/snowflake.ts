import { join } from 'node:path';
import type { Command } from 'commander';
import type { App } from '../../app/create-app';
import { StagingLog } from '../../jobs/staging-log';
import { renderAll } from '../../models/render';
import { vaultKeys } from '../../secrets/vault';
import type { Settings } from '../../settings/schema';
import { SnowflakeSession } from '../../warehouse/snowflake/session';
import { applySnowflakeSetup, snowflakeStatus } from '../../warehouse/snowflake/setup';
import {
  renderS3EventNotification,
  renderSnowflakeSetup,
  type SnowpipeTarget,
} from '../../warehouse/snowflake/snowpipe';
import { appFor, print } from '../context';

type SnowflakeWarehouse = Extract<Settings['warehouse'], { kind: 'snowflake' }>;

function targetOf(settings: Settings): { target: SnowpipeTarget; warehouse: SnowflakeWarehouse } {
  const { stage, warehouse } = settings;
  if (stage.kind !== 's3') {
    throw new Error(
      'Snowpipe reads from S3: set the stage first, e.g. puente settings set stage \'{"kind":"s3","bucket":"..."}\'',
    );
  }
  if (warehouse.kind !== 'snowflake') {
    throw new Error(
      'Set the Snowflake warehouse first: puente settings set warehouse \'{"kind":"snowflake",...}\' (see README)',
    );
  }
  return {
    target: {
      snowflake: { database: warehouse.database, schema: warehouse.schema },
      s3: { bucket: stage.bucket, prefix: stage.prefix },
      storageIntegrationRoleArn: stage.storageIntegrationRoleArn,
    },
    warehouse,
  };
}

async function openSession(app: App, warehouse: SnowflakeWarehouse): Promise<SnowflakeSession> {
  const token = await app.vault.get(vaultKeys.password('snowflake'));
  return SnowflakeSession.open(warehouse, {
    token: warehouse.authenticator === 'PROGRAMMATIC_ACCESS_TOKEN' ? token : undefined,
    privateKeyPass: warehouse.authenticator === 'SNOWFLAKE_JWT' ? token : undefined,
  });
}

export function registerSnowflake(program: Command): void {
  const snowflake = program
    .command('snowflake')
    .description('Snowpipe and Snowflake: print the DDL, apply it, or show pipe and file load status');
  snowflake
    .command('render')
    .description(
      'print the storage integration, stage, raw tables, pipes, models and the S3 notification to create',
    )
    .action((_options, command: Command) => {
      const app = appFor(command);
      const { target } = targetOf(app.settings());
      const setup = renderSnowflakeSetup(target);
      for (const statement of setup.statements) print(`-- ${statement.purpose}\n${statement.sql};\n`);
      print('-- Reconciliation models (dynamic tables and views), in dependency order');
      for (const model of renderAll('snowflake', app.settings().models))
        print(`-- ${model.name}\n${model.statement};\n`);
      print(renderS3EventNotification(target));
      if (setup.placeholders.length)
        print(`\n-- Fill in before \`puente snowflake setup\`: ${setup.placeholders.join('; ')}`);
    });
  snowflake
    .command('setup')
    .description('apply the Snowpipe DDL idempotently and print the SQS ARN for the bucket notification')
    .action(async (_options, command: Command) => {
      const app = appFor(command);
      const { target, warehouse } = targetOf(app.settings());
      const session = await openSession(app, warehouse);
      try {
        const { queueArn } = await applySnowflakeSetup(session, target);
        print('Snowpipe setup applied.');
        print(renderS3EventNotification(target, queueArn ?? undefined));
      } finally {
        await session.close();
      }
    });
  snowflake
    .command('status')
    .description("each pipe's state and, per staged file, its COPY_HISTORY outcome")
    .action(async (_options, command: Command) => {
      const app = appFor(command);
      const { target, warehouse } = targetOf(app.settings());
      const session = await openSession(app, warehouse);
      try {
        const keys = new StagingLog(join(app.dataDir.root, 'staged.jsonl')).keys();
        for (const pipe of await snowflakeStatus(session, target, keys)) {
          print(
            `${pipe.dataset}: ${String(pipe.status.executionState ?? 'unknown')}, pending ${String(pipe.status.pendingFileCount ?? '?')}`,
          );
          for (const file of pipe.files)
            print(
              `  ${file.key}  ${file.status}${file.rows !== null ? ` ${file.rows} rows` : ''}${file.firstError ? `  ${file.firstError}` : ''}`,
            );
        }
      } finally {
        await session.close();
      }
    });
}
