import type { AddressInfo } from 'node:net';
import S3rver, { type S3EventRecord } from 's3rver';

export const TEST_BUCKET = 'puente-test';
export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A real S3 protocol server in this process, on 127.0.0.1, storing objects under `directory`. */
export async function startS3rver(
  directory: string,
  port = 0,
  onObjectCreated?: (record: S3EventRecord) => void,
): Promise<{ server: S3rver; endpoint: string; port: number }> {
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  if (onObjectCreated)
    server.on('event', (event: { Records: S3EventRecord[] }) => {
      for (const record of event.Records)
        if (record.eventName.startsWith('ObjectCreated:')) onObjectCreated(record);
    });
  const address: AddressInfo = await server.run();
  return { server, endpoint: `http://127.0.0.1:${address.port}`, port: address.port };
}
