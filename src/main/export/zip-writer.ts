import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Sizes and CRC follow the data (bit 3); names are UTF-8 (bit 11). */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;
const ZIP32_LIMIT = 0xffffffff;
/** 1980-01-01 00:00 in MS-DOS form: the entries carry no meaningful modification time. */
const DOS_DATE = 0x21;

interface EntryRecord {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** One file being written into the archive: text in, deflated out, backpressure respected. */
export interface ZipEntry {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A streaming ZIP archive (deflate, data descriptors): entries are written one after another and
 * never held whole in memory. The deflating runs on libuv's thread pool, not on the event loop.
 * Entries over 4 GiB (ZIP64) are refused with a clear error.
 */
export class ZipWriter {
  private readonly out: WriteStream;
  private readonly entries: EntryRecord[] = [];
  private offset = 0;
  private open = false;

  constructor(
    file: string,
    private readonly level = constants.Z_BEST_SPEED,
  ) {
    this.out = createWriteStream(file);
  }

  private async emit(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  async entry(name: string): Promise<ZipEntry> {
    if (this.open) throw new Error('ZipWriter: close the previous entry first');
    this.open = true;
    const record: EntryRecord = {
      name: Buffer.from(name),
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(record.name.length, 26);
    await this.emit(Buffer.concat([header, record.name]));

    const deflate: DeflateRaw = createDeflateRaw({ level: this.level });
    deflate.on('data', (chunk: Buffer) => {
      record.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    return {
      write: async (text) => {
        const bytes = Buffer.from(text);
        record.crc = crc32(bytes, record.crc);
        record.size += bytes.length;
        if (record.size > ZIP32_LIMIT) throw new Error(`${name} is over 4 GiB: too large for this workbook`);
        if (!deflate.write(bytes)) await once(deflate, 'drain');
      },
      close: async () => {
        const ended = once(deflate, 'end');
        deflate.end();
        await ended;
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(record.crc >>> 0, 4);
        descriptor.writeUInt32LE(record.compressed, 8);
        descriptor.writeUInt32LE(record.size, 12);
        await this.emit(descriptor);
        this.entries.push(record);
        this.open = false;
      },
    };
  }

  /** Writes a whole small entry at once. */
  async file(name: string, text: string): Promise<void> {
    const entry = await this.entry(name);
    await entry.write(text);
    await entry.close();
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const record of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(record.crc >>> 0, 16);
      header.writeUInt32LE(record.compressed, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      header.writeUInt32LE(record.offset, 42);
      await this.emit(Buffer.concat([header, record.name]));
    }
    if (this.offset > ZIP32_LIMIT) throw new Error('The workbook is over 4 GiB: too large to write');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
    this.out.end();
    await once(this.out, 'finish');
  }

  /** Abandons the archive (after an error): closes the file without a directory. */
  async abort(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, 'close');
    this.out.destroy();
    await closed;
  }
}
